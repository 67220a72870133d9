package io.berth.processor;

import io.berth.dsl.StackContext;
import io.berth.dsl.StackDefinition;
import io.berth.validation.Violation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.processing.Filer;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

/**
 * The end-of-compile step: loads each stack compiled in this compilation, runs it, reports every
 * violation and, for a stack without errors, writes its JSON through the Filer. Nothing a stack
 * does can crash the compiler: every throwable becomes a diagnostic.
 */
final class Evaluator {
  private final Filer filer;
  private final Reporter reporter;
  private final ClassLoader parent;
  private final Duration timeout;
  private final StackContext context;

  Evaluator(Filer filer, Reporter reporter, ClassLoader parent, Duration timeout, StackContext context) {
    this.filer = filer;
    this.reporter = reporter;
    this.parent = parent;
    this.timeout = timeout;
    this.context = context;
  }

  /** Evaluates {@code stacks} (those whose class files this compilation wrote), in name order. */
  void evaluate(List<StackClass> stacks) {
    EvaluationLoader loader = new EvaluationLoader(parent, filer);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      stacks.stream().sorted(Comparator.comparing(StackClass::name))
          .forEach(stack -> evaluate(stack, loader));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private void evaluate(StackClass stack, ClassLoader loader) {
    StackDefinition definition;
    try {
      Class<?> type = Class.forName(stack.binaryName(), true, loader);
      definition = (StackDefinition) type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      failed(stack, "its constructor", e.getCause());
      return;
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      reporter.atStack(Diagnostic.Kind.ERROR, stack, ProcessorCode.BerthStackLoad.format(
          "cannot load stack \"" + stack.name() + "\" (" + stack.qualifiedName() + ") to run it: "
              + e + "; check that its dependencies are on the compile class path, or set"
              + " -Aberth.evaluate=false and run berth synth"));
      return;
    }
    Synthesis synthesis;
    FutureTask<Synthesis> run = new FutureTask<>(() -> StackSynthesizer.synthesize(stack.name(), definition, context));
    // A daemon thread, so a stack that never returns cannot keep the build's JVM alive either.
    Thread worker = new Thread(run, "berth-evaluate-" + stack.name());
    worker.setDaemon(true);
    worker.setContextClassLoader(loader);
    worker.start();
    try {
      synthesis = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) { // user code: anything may escape, and javac must survive it
      failed(stack, "define(Infra)", e.getCause());
      return;
    } catch (TimeoutException e) {
      StackTraceElement[] stuckAt = worker.getStackTrace(); // before the interrupt moves it on
      run.cancel(true);
      reporter.atStack(Diagnostic.Kind.ERROR, stack, ProcessorCode.BerthStackTimeout.format(
          "stack \"" + stack.name() + "\" did not finish within " + timeout.toSeconds() + " s"
              + firstUserFrame(stuckAt) + "; look for a loop or a blocking call in"
              + " define(Infra), or raise -Aberth.timeoutSeconds"));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (Violation violation : synthesis.violations()) {
      reporter.violation(stack, violation);
    }
    if (!synthesis.hasErrors()) {
      write(stack, synthesis);
    }
  }

  private void failed(StackClass stack, String where, Throwable cause) {
    reporter.atStack(Diagnostic.Kind.ERROR, stack, ProcessorCode.BerthStackFailed.format(
        "stack \"" + stack.name() + "\" threw " + cause + " in " + where + firstUserFrame(cause)
            + "; fix the stack so that it runs to the end"));
  }

  /** The first frame outside Berth and the JDK: where the user's code went wrong. */
  private static String firstUserFrame(Throwable cause) {
    return firstUserFrame(cause.getStackTrace());
  }

  private static String firstUserFrame(StackTraceElement[] frames) {
    for (StackTraceElement frame : frames) {
      String c = frame.getClassName();
      if (!c.startsWith("io.berth.dsl.") && !c.startsWith("io.berth.model.")
          && !c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("io.berth.processor.")
          && frame.getFileName() != null) {
        return " at " + frame.getFileName() + ":" + frame.getLineNumber();
      }
    }
    return "";
  }

  private void write(StackClass stack, Synthesis synthesis) {
    for (Map.Entry<String, String> file : synthesis.files().entrySet()) {
      String path = synthesis.directory() + file.getKey();
      try (OutputStream out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path)
          .openOutputStream()) {
        out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        reporter.atStack(Diagnostic.Kind.ERROR, stack, ProcessorCode.BerthInternal.format(
            "cannot write " + path + ": " + e));
      }
    }
  }

  static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
