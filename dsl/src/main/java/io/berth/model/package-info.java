/**
 * Berth's immutable model: records that mirror the ECS API shapes (task definitions and their
 * containers keep the RegisterTaskDefinition member names) plus Berth's own resources (clusters,
 * services, roles, scaling). The DSL builds it, the processor validates and writes it, the planner
 * diffs it and the control plane runs it. No record holds a null: absent members are empty
 * {@link java.util.Optional}s or empty collections.
 *
 * <p>{@link io.berth.model.Cluster}, {@link io.berth.model.Role}, {@link io.berth.model.TaskDefinition}
 * and {@link io.berth.model.Service} share their simple names with the DSL types that build them;
 * a stack imports the DSL ones, the processor, planner and engine these.
 */
package io.berth.model;
