package io.berth.processor;

import io.berth.dsl.Infra;
import io.berth.dsl.StackContext;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.StackEvaluation;
import io.berth.json.ContextFile;
import io.berth.json.OutputFiles;
import io.berth.model.TaskDefinition;
import io.berth.validation.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a stack, validates its model and renders its JSON files: the one computation shared by the
 * annotation processor and {@link Synth}, so both always produce the same bytes and diagnostics.
 * Exceptions thrown by the stack itself propagate to the caller, which reports them.
 */
final class StackSynthesizer {
  private StackSynthesizer() {}

  static Synthesis synthesize(String stackName, StackDefinition definition, StackContext context) {
    StackEvaluation evaluation = Infra.evaluate(stackName, definition, context);
    List<Violation> violations = evaluation.validate();
    Map<String, String> files = new TreeMap<>();
    files.put(OutputFiles.DESIRED, Documents.desiredState(evaluation.state()));
    Map<String, String> index = new TreeMap<>();
    for (TaskDefinition taskDefinition : evaluation.state().taskDefinitions()) {
      String file = OutputFiles.taskDefinitionFile(taskDefinition.family());
      files.put(file, Documents.taskDefinition(taskDefinition));
      index.put(taskDefinition.family(), file);
    }
    if (!evaluation.contextValues().isEmpty()) {
      Map<String, ContextFile.Entry> read = new TreeMap<>();
      evaluation.contextValues().forEach(v -> read.put(v.name(),
          new ContextFile.Entry(v.value(), v.origin().name().toLowerCase(Locale.ROOT))));
      files.put(ContextFile.NAME, ContextFile.write(read));
    }
    // the index is needed only to find a family whose file name was shortened
    if (index.keySet().stream().anyMatch(OutputFiles::isShortened)) {
      files.put(OutputFiles.INDEX, OutputFiles.writeIndex(index));
    }
    return new Synthesis(stackName, evaluation.state(), evaluation.sources(), violations, files);
  }
}
