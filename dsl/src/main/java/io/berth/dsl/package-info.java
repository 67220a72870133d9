/**
 * Berth's typed fluent DSL. A {@link io.berth.dsl.Stack @Stack} class implements
 * {@link io.berth.dsl.StackDefinition} and declares clusters, roles, task definitions and services
 * on the {@link io.berth.dsl.Infra} it is given; references are the handles those calls return, so
 * a service cannot name a task definition that does not exist. {@link io.berth.dsl.Infra#evaluate}
 * runs a stack and returns the immutable model ({@link io.berth.model.DesiredState}) with a
 * {@link io.berth.model.SourceMap} that records the file and line of every DSL call, for errors
 * that point at the user's code.
 *
 * <p>{@link io.berth.dsl.Cluster}, {@link io.berth.dsl.Role}, {@link io.berth.dsl.TaskDefinition}
 * and {@link io.berth.dsl.Service} share their simple names with the model records they build: a
 * stack imports these (the only simple names Berth defines twice, held by an ArchUnit test).
 */
package io.berth.dsl;
