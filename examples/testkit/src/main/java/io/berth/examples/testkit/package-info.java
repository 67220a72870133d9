/**
 * Test helpers the example stacks share: golden-file checks of what the processor wrote and a check
 * of each task definition against the ECS API model.
 */
package io.berth.examples.testkit;
