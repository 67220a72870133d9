package io.berth.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import io.berth.dsl.Stack;
import io.berth.dsl.StackContext;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.StackIndex;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

/**
 * Berth's annotation processor: checks each {@link Stack} class, generates the compilation's
 * {@link StackIndex}, and at the end of the compile runs the stacks, reports every validation
 * problem at the DSL line that caused it and writes {@code META-INF/berth/<stack>/desired.json}
 * and {@code task-definitions/<family>.json} (see {@link io.berth.json.OutputFiles}) into the class output.
 *
 * <p>Option {@code -Aberth.evaluate=false} keeps the static checks and the index and skips running
 * the stacks (then {@link Synth} can do it later); {@code -Aberth.timeoutSeconds=N} (default 60)
 * bounds how long one stack may run; {@code -Aberth.context.NAME=VALUE} gives a stack's context
 * value {@code NAME}, else a system property of that name (Maven's {@code -D}), else the
 * environment's {@code BERTH_CONTEXT_NAME} ({@link StackContext}).
 */
public final class BerthProcessor extends AbstractProcessor {
  /** The option that turns compile-time evaluation off. */
  public static final String EVALUATE_OPTION = "berth.evaluate";
  /** The option that bounds how long one stack may run (seconds, default 60). */
  public static final String TIMEOUT_OPTION = "berth.timeoutSeconds";

  private static final String SERVICE_FILE = "META-INF/services/" + StackIndex.class.getName();

  /** Stacks that passed the static checks, by qualified name; read by the listener. */
  private final Map<String, StackClass> stacks = new LinkedHashMap<>();
  /** Every stack name seen, to report duplicates; name to the class that took it first. */
  private final Map<String, String> names = new TreeMap<>();
  private final List<String> indexes = new ArrayList<>();
  private StackChecks checks;
  /** The {@code berth.context.*} options given, each one this processor recognises. */
  private final Set<String> contextOptions = new TreeSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Stack.class.getName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    // javac asks after init: the context options given are known by then, so none is reported unrecognised
    Set<String> options = new TreeSet<>(Set.of(EVALUATE_OPTION, TIMEOUT_OPTION));
    options.addAll(contextOptions);
    return options;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    checks = new StackChecks(env.getTypeUtils(),
        env.getElementUtils().getTypeElement(StackDefinition.class.getName()).asType());
    env.getOptions().keySet().stream().filter(o -> o.startsWith(StackContext.OPTION_PREFIX)).forEach(contextOptions::add);
    if ("false".equalsIgnoreCase(env.getOptions().get(EVALUATE_OPTION))) {
      return;
    }
    try {
      JavacTask task = JavacTask.instance(env);
      Trees trees = Trees.instance(env);
      SourceIndex sources = new SourceIndex();
      Reporter reporter = new Reporter(env.getMessager(), trees, sources);
      Evaluator evaluator = new Evaluator(env.getFiler(), reporter, getClass().getClassLoader(),
          timeout(env), StackContext.of(System.getenv(), env.getOptions(),
              StackContext.properties(System.getProperties())));
      task.addTaskListener(new CompileListener(trees, sources, stacks, fresh -> {
        try {
          evaluator.evaluate(fresh);
        } catch (RuntimeException | LinkageError e) {
          env.getMessager().printMessage(Diagnostic.Kind.ERROR, ProcessorCode.BerthInternal.format(
              "evaluating the stacks failed: " + Evaluator.stackTrace(e)));
        }
      }));
    } catch (IllegalArgumentException | LinkageError notJavac) {
      env.getMessager().printMessage(Diagnostic.Kind.WARNING, ProcessorCode.BerthNoJavac.format(
          "this compiler is not javac, so Berth checked the @Stack classes but did not run them;"
              + " run 'berth synth' to validate and write the JSON"));
    }
  }

  private static Duration timeout(ProcessingEnvironment env) {
    String value = env.getOptions().get(TIMEOUT_OPTION);
    if (value == null) {
      return Duration.ofSeconds(60);
    }
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds > 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    env.getMessager().printMessage(Diagnostic.Kind.WARNING, ProcessorCode.BerthStackTimeout.format(
        "-A" + TIMEOUT_OPTION + "=" + value + " is not a positive number of seconds; using 60"));
    return Duration.ofSeconds(60);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      List<StackClass> found = new ArrayList<>();
      for (Element element : round.getElementsAnnotatedWith(Stack.class)) {
        StackClass stack = check((TypeElement) element);
        if (stack != null) {
          found.add(stack);
        }
      }
      if (!found.isEmpty()) {
        writeIndex(found);
      }
      if (round.processingOver() && !indexes.isEmpty()) {
        writeServiceFile();
      }
    } catch (RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          ProcessorCode.BerthInternal.format("processing @Stack classes failed: " + Evaluator.stackTrace(e)));
    }
    return false;
  }

  private StackClass check(TypeElement type) {
    String name = type.getAnnotation(Stack.class).value();
    boolean ok = true;
    for (StackChecks.Finding finding : checks.check(type, name)) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, finding.text(), type);
      ok = false;
    }
    String qualifiedName = type.getQualifiedName().toString();
    String owner = names.putIfAbsent(name, qualifiedName);
    if (owner != null && !owner.equals(qualifiedName)) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          ProcessorCode.BerthStackDuplicate.format("stack name \"" + name + "\" of " + qualifiedName
              + " is already used by " + owner + ": give each @Stack a unique name"), type);
      ok = false;
    }
    if (!ok) {
      return null;
    }
    StackClass stack = new StackClass(name, qualifiedName,
        processingEnv.getElementUtils().getBinaryName(type).toString());
    stacks.put(qualifiedName, stack);
    return stack;
  }

  private void writeIndex(List<StackClass> found) {
    var file = StackIndexGenerator.generate(found);
    try {
      file.writeTo(processingEnv.getFiler());
      indexes.add(file.packageName().isEmpty() ? file.typeSpec().name()
          : file.packageName() + "." + file.typeSpec().name());
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          ProcessorCode.BerthInternal.format("cannot write the stack index: " + e));
    }
  }

  private void writeServiceFile() {
    try (Writer out = processingEnv.getFiler()
        .createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE).openWriter()) {
      for (String index : indexes) {
        out.write(index + "\n");
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          ProcessorCode.BerthInternal.format("cannot write " + SERVICE_FILE + ": " + e));
    }
  }
}
