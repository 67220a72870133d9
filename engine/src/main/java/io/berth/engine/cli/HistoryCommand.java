package io.berth.engine.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.berth.engine.planner.CommandErrors;
import io.berth.engine.state.StateCommit;
import io.berth.engine.state.StateRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth history}: the applies, newest first, with who applied, when, the summary and the plan id. */
@Command(name = "history", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = "List the commits of the declared state, newest first (the audit trail).")
final class HistoryCommand implements Callable<Integer> {
  /** The version of the {@code --json} document; a change that removes or renames a member raises it. */
  static final int JSON_FORMAT_VERSION = 1;

  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "20",
      description = "Show at most N commits (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the commits as JSON ({\"formatVersion\": 1, \"commits\": [...]}).")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      try (StateRepository repo = StateRepository.open(state.access())) {
        List<StateCommit> commits = repo.history(limit);
        if (json) {
          out.print(json(commits));
        } else {
          for (StateCommit commit : commits) {
            out.println(commit.shortId() + "  " + commit.time() + "  " + commit.author() + "  " + commit.summary()
                + commit.planId().map(id -> "  (" + id + ")").orElse(""));
          }
        }
        out.flush();
        return 0;
      }
    });
  }

  /** The commits as one JSON document, members in a fixed order, absent trailers left out. */
  static String json(List<StateCommit> commits) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeNumberField("formatVersion", JSON_FORMAT_VERSION);
      json.writeArrayFieldStart("commits");
      for (StateCommit commit : commits) {
        json.writeStartObject();
        json.writeStringField("id", commit.id());
        json.writeStringField("time", commit.time().toString());
        json.writeStringField("author", commit.author());
        json.writeStringField("summary", commit.summary());
        optional(json, "planId", commit.planId());
        optional(json, "planDigest", commit.planDigest());
        optional(json, "applicationCommit", commit.applicationCommit());
        optional(json, "run", commit.runUrl());
        optional(json, "berthVersion", commit.berthVersion());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return text + "\n";
  }

  private static void optional(JsonGenerator json, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      json.writeStringField(name, value.get());
    }
  }
}
