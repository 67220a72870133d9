package io.berth.maven;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.engine.planner.PlanRun;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn berth:plan}: {@code berth plan} on the project's compiled classes, the same plan, text
 * and files. A Maven goal cannot exit with 2 for "changes", so it also writes a small result file
 * ({@code target/berth/plan-result.json}) that CI reads:
 *
 * <pre>
 * {
 *   "stack": "webapp",
 *   "changes": true,
 *   "planId": "p-...",
 *   "summary": "Plan: 4 to add, 0 to change, 0 to destroy.",
 *   "planFile": "/.../plan.json",
 *   "comments": [ "/.../comments/comment-1.md" ]
 * }
 * </pre>
 *
 * <p>Each value is on its own line, so {@code grep -q '"changes": true'} answers in a shell.
 */
@Mojo(name = "plan", threadSafe = true)
public final class PlanMojo extends BerthMojo {
  /** The processor's output to plan (as {@code berth plan --desired}). */
  @Parameter(property = "berth.desired", defaultValue = "${project.build.outputDirectory}")
  File desired;

  /** Plan back to the declared state at this state commit instead (as {@code --desired-from}). */
  @Parameter(property = "berth.desiredFrom")
  String desiredFrom;

  /** The stack to plan when the classes hold several. */
  @Parameter(property = "berth.stack")
  String stack;

  /**
   * Plan only these resources and what they need ({@code service/web,task-definition/worker}, as
   * {@code --only}); the rest of the stack stays as the last apply left it.
   */
  @Parameter(property = "berth.only")
  List<String> only;

  /** Also save the plan file, for {@code berth:apply -Dberth.plan=FILE} or {@code berth apply FILE}. */
  @Parameter(property = "berth.out")
  File out;

  /** How the plan is printed: text, markdown or json. */
  @Parameter(property = "berth.format", defaultValue = "text")
  String format;

  /** Also write the pull-request comments {@code comment-N.md} here (as {@code --comment-dir}). */
  @Parameter(property = "berth.commentDir")
  File commentDir;

  /** Where the result file goes. */
  @Parameter(property = "berth.resultFile", defaultValue = "${project.build.directory}/berth/plan-result.json")
  File resultFile;

  /** The project's packaging: a {@code pom} project has no classes to plan. */
  @Parameter(defaultValue = "${project.packaging}", readonly = true)
  String packaging;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || ("pom".equals(packaging) && desiredFrom == null)) {
      getLog().info(skip ? "Skipping berth:plan (berth.skip)" : "Skipping berth:plan: a pom project has no classes");
      return;
    }
    PlanRun.Format chosen = Arrays.stream(PlanRun.Format.values()).filter(f -> f.name().equals(format)).findFirst()
        .orElseThrow(() -> new MojoFailureException("berth.format " + format + " is not one of text, markdown, json"));
    Path result = resultFile.toPath();
    try {
      Files.deleteIfExists(result); // a failed plan never leaves an earlier plan's result behind
    } catch (IOException e) {
      throw new MojoExecutionException("cannot remove " + result + ": " + e.getMessage(), e);
    }
    if (desiredFrom == null) {
      checkBuiltContext(desired, Optional.ofNullable(stack));
    }
    PlanRun.Request request = new PlanRun.Request(stateAccess(),
        desiredFrom == null ? Optional.of(desired.toPath()) : Optional.empty(), Optional.ofNullable(desiredFrom),
        Optional.ofNullable(stack), only == null ? List.of() : only, chosen, false, Optional.ofNullable(out).map(File::toPath),
        Optional.ofNullable(commentDir).map(File::toPath));
    AtomicReference<PlanRun.Result> made = new AtomicReference<>();
    report("planning " + (desiredFrom == null ? desired : "back to " + desiredFrom) + " against " + stateName(),
        (stdout, err) -> {
          PlanRun.Outcome outcome = PlanRun.run(request, stdout, err);
          outcome.result().ifPresent(made::set);
          return outcome.exitCode();
        });
    writeResult(result, made.get());
    getLog().info((made.get().changes() ? "Changes to apply" : "No changes") + "; result in " + result);
  }

  /** The result file: one value per line, stable field order. */
  static void writeResult(Path file, PlanRun.Result result) throws MojoExecutionException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = json.createObjectNode().put("stack", result.stack()).put("changes", result.changes())
        .put("planId", result.planId()).put("summary", result.summary());
    node.put("planFile", result.planFile().map(p -> p.toAbsolutePath().toString()).orElse(null));
    ArrayNode comments = node.putArray("comments");
    result.comments().forEach(c -> comments.add(c.toAbsolutePath().toString()));
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, json.writer(printer).writeValueAsString(node) + "\n");
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the plan result " + file + ": " + e.getMessage(), e);
    }
  }
}
