/**
 * JSON for the model: {@link io.berth.json.TaskDefinitionJson} reads and writes the ECS
 * RegisterTaskDefinition request (tolerant of real-world files, strict on enums),
 * {@link io.berth.json.DesiredStateJson} the whole-stack {@code berth/v1} document with
 * deterministic bytes, and {@link io.berth.json.ApiShapeChecker} checks any document against a
 * shape of a botocore service model.
 */
package io.berth.json;
