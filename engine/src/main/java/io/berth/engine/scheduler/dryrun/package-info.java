/**
 * The scheduler dry-run of {@code berth plan}: would the tasks of the services a plan creates or
 * changes fit? {@link io.berth.engine.scheduler.dryrun.DryRunPlacer} places them with the real
 * placement pipeline against the last runtime snapshot of their cluster, or against its declared
 * capacity, and answers per service ({@link io.berth.engine.scheduler.dryrun.ServiceDryRun}) in a
 * {@link io.berth.engine.scheduler.dryrun.DryRunReport}. Nothing is placed for real.
 */
package io.berth.engine.scheduler.dryrun;
