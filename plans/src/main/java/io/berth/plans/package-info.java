/**
 * A Berth plan as plain data: the declared state an apply will write, the changes per resource with
 * field-level before/after, changes made outside Berth and the scheduler dry-run. The diff that
 * makes a plan lives in {@code io.berth.plans.diff}, the renderers in {@code io.berth.plans.render};
 * neither does I/O, so both are tested with values alone.
 */
package io.berth.plans;
