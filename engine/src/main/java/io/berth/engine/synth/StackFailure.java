package io.berth.engine.synth;

import java.io.UncheckedIOException;
import java.util.ServiceConfigurationError;
import java.util.function.IntSupplier;

/**
 * What escapes the user's stacks while {@code berth synth} runs them, turned into one message that
 * names the cause, the line of the user's code and the fix; the processor reports the same cases
 * as {@code [BerthStackFailed]} and {@code [BerthStackLoad]} inside javac.
 */
public final class StackFailure {
  private StackFailure() {}

  /** Runs {@code body}; anything a stack throws becomes an {@link IllegalArgumentException} with that message. */
  public static int guard(IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (NoClassDefFoundError e) {
      throw new IllegalArgumentException("a stack needs class " + e.getMessage().replace('/', '.')
          + firstUserFrame(e) + ", which is not on the class path: add the jar or directory that holds it"
          + " with --classpath", e);
    } catch (ServiceConfigurationError e) {
      throw new IllegalArgumentException("cannot load the stack index: " + e.getMessage()
          + "; recompile the project with the Berth processor and the same Berth version", e);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage() + ": " + e.getCause().getMessage(), e);
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      if (thrownByBerth(e)) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      throw new IllegalArgumentException("a stack threw " + e + firstUserFrame(e)
          + "; fix the stack so that it runs to the end", e);
    }
  }

  /** Berth's own refusals (e.g. two stacks with one name) already say what to do. */
  private static boolean thrownByBerth(Throwable e) {
    StackTraceElement[] frames = e.getStackTrace();
    return frames.length > 0 && frames[0].getClassName().startsWith("io.berth.processor.");
  }

  /** The first frame outside Berth and the JDK: where the user's code went wrong. */
  private static String firstUserFrame(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String c = frame.getClassName();
      if (!c.startsWith("io.berth.") && !c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")
          && frame.getFileName() != null) {
        return " at " + frame.getFileName() + ":" + frame.getLineNumber();
      }
    }
    return "";
  }
}
