/**
 * Berth's annotation processor and its synthesis outside javac: checks each {@code @Stack} class,
 * generates the compilation's stack index, runs the stacks at the end of the compile, reports every
 * validation problem on the DSL line that caused it, and writes the desired state and task
 * definitions as JSON ({@link io.berth.processor.BerthProcessor}, {@link io.berth.processor.Synth}).
 */
package io.berth.processor;
