/**
 * {@code berth import}: turns ECS task definition JSON into DSL source, one {@code @Stack} class per
 * input, naming every member it cannot express ({@link io.berth.processor.importer.TaskDefinitionImporter}).
 */
package io.berth.processor.importer;
