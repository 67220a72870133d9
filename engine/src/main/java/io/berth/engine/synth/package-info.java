/**
 * {@code berth synth} as a library call: runs compiled {@code @Stack} classes outside javac through
 * the processor's {@code Synth} and turns what escapes a user's stack into a message naming the
 * line and the fix. The command line and the Maven plugin both call {@link io.berth.engine.synth.SynthRun}.
 */
package io.berth.engine.synth;
