package io.berth.engine.cli;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.local.UpFile;
import io.berth.engine.planner.ApplyRun;
import io.berth.engine.planner.BuiltContext;
import io.berth.engine.planner.CommandErrors;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth apply}: writes a saved plan (refused when stale), or plans and applies in one go. */
@Command(name = "apply", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Apply a saved plan (berth plan --out FILE) as one commit of the state repository.",
        "A plan made against an older state is refused. With --desired DIR --auto-approve, plan and apply at once."})
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();
  @Mixin WaitOptions wait = new WaitOptions();

  @Parameters(arity = "0..1", paramLabel = "PLAN", description = "A plan file written by berth plan --out.")
  Path planFile;

  @Option(names = "--desired", paramLabel = "DIR", description = "Plan from this directory and apply it.")
  Path desired;

  @Option(names = "--stack", paramLabel = "NAME", description = "The stack to apply when DIR holds several.")
  String stack;

  @Option(names = "--auto-approve", description = "Apply the plan made from --desired without review.")
  boolean autoApprove;

  @Option(names = "--no-color", description = "Never colour the text output (also: NO_COLOR set).")
  boolean noColor;

  @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"", description = "Who the state commit is attributed to"
      + " (default: the CI's user, e.g. GITHUB_ACTOR or GITLAB_USER_LOGIN, else your Git identity).")
  String author;

  /** Where {@code .berth/up.json} of a running {@code berth up} is looked for: the working directory (tests change it). */
  Path workDirectory = Path.of("");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return CommandErrors.run(err, () -> {
      if ((planFile == null) == (desired == null)) {
        throw new IllegalArgumentException("give either a plan file (berth apply plan.json) or --desired DIR"
            + " --auto-approve");
      }
      if (desired != null && !autoApprove) {
        throw new IllegalArgumentException("apply --desired plans and applies without review, so it needs"
            + " --auto-approve; or save a plan with berth plan --desired " + desired + " --out plan.json and apply"
            + " that file");
      }
      if (desired != null) {
        BuiltContext.check(desired, Optional.ofNullable(stack), Map.of(), System.getenv());
      }
      return planFile != null ? applyPlanFile(out, err) : applyDesired(out, err);
    });
  }

  /** Through the control plane of a running berth up when there is one for this (local) state, else here. */
  private int applyDesired(PrintWriter out, PrintWriter err) throws InterruptedException {
    boolean colour = Output.colour(noColor);
    StateAccess access = state.access();
    // the control plane of berth up runs on this machine, as this user: it resolves the Git identity itself
    Optional<Attribution> named = StateOption.explicitAttribution(Optional.ofNullable(author));
    Optional<ApplyResponse> served = access.localDirectory().isEmpty()
        ? notServed(err, "the state is remote: berth up serves only its local state")
        : served(access.localDirectory().get(), new ApplyRequest(desired.toString(),
            Path.of("").toAbsolutePath().toString(), Optional.ofNullable(stack), colour,
            named.map(Attribution::author), named.flatMap(Attribution::runUrl)), err);
    if (served.isPresent()) {
      ApplyResponse response = served.get();
      out.print(response.out());
      out.flush();
      err.print(response.err());
      err.flush();
      return response.exitCode() == 0 ? wait.afterApply(response.declared()) : response.exitCode();
    }
    Attribution by = named.orElseGet(() -> StateOption.attribution(Optional.empty()));
    ApplyRun.Outcome outcome = ApplyRun.run(access, desired, Optional.ofNullable(stack), colour, by, out, err);
    return outcome.exitCode() == 0 ? wait.afterApply(outcome.declared()) : outcome.exitCode();
  }

  /**
   * The apply as the control plane of the {@code berth up} whose {@code .berth/up.json} is in the
   * working directory ran it ({@code POST /v1/apply}), when that process is alive and writes this
   * apply's state repository: planned and committed in its warm JVM, with the text, commit and exit
   * code of a local apply. Empty when the request did not reach a control plane that serves it, so
   * the apply runs here ({@code BERTH_DEBUG=1} says why). Once sent, a failure is an error: the
   * control plane may have committed, so the apply must not be repeated here.
   */
  private Optional<ApplyResponse> served(Path localState, ApplyRequest request, PrintWriter err) {
    Path file = UpFile.path(workDirectory);
    Optional<UpFile> found;
    try {
      found = UpFile.read(workDirectory);
    } catch (UncheckedIOException e) {
      return notServed(err, e.getMessage());
    }
    if (found.isEmpty()) {
      return notServed(err, "no " + file);
    }
    UpFile up = found.get();
    if (!up.alive(workDirectory)) {
      return notServed(err, "berth up (pid " + up.pid() + " in " + file + ") is not running");
    }
    if (up.state() == null || !sameFile(Path.of(up.state()), localState)) {
      return notServed(err, "berth up uses state repository " + up.state() + ", this apply writes " + localState);
    }
    ControlPlaneClient client;
    try {
      client = new ControlPlaneClient(URI.create(up.url()), up.adminToken());
    } catch (IllegalArgumentException | NullPointerException e) {
      return notServed(err, file + " holds no usable url (" + up.url() + ")");
    }
    try {
      Optional<ApplyResponse> response = client.apply(request);
      return response.isPresent() ? response : notServed(err, up.url() + " did not take POST /v1/apply (not listening,"
          + " or a berth up older than this berth)");
    } catch (ApiException e) {
      if (e.status() == HttpURLConnection.HTTP_UNAUTHORIZED) {
        throw new IllegalArgumentException("the control plane at " + up.url() + " refused the admin token in " + file
            + " (401): the file belongs to another cluster; stop the running one with berth down and start it again"
            + " with berth up");
      }
      if (e.status() != 0) {
        throw new IllegalArgumentException("the control plane at " + up.url() + " answered " + e.status() + " to the"
            + " apply: " + e.error().error() + (e.error().fix().isEmpty() ? "" : "; " + e.error().fix()));
      }
      throw new IllegalArgumentException("the connection to the control plane at " + up.url() + " broke during the"
          + " apply (" + e.getMessage() + "); it may have applied: look with berth history, then apply again");
    }
  }

  private static Optional<ApplyResponse> notServed(PrintWriter err, String why) {
    String debug = System.getenv("BERTH_DEBUG");
    if (debug != null && !debug.isEmpty()) {
      err.println("berth: applying in this process: " + why);
      err.flush();
    }
    return Optional.empty();
  }

  /** Whether two paths name the same file or directory; false when either does not exist. */
  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // one of them does not exist: not the same
    }
  }

  private int applyPlanFile(PrintWriter out, PrintWriter err) throws InterruptedException {
    Attribution by = StateOption.attribution(Optional.ofNullable(author));
    ApplyRun.Outcome outcome = ApplyRun.runSaved(state.access(), planFile, by, out, err);
    return outcome.exitCode() == 0 ? wait.afterApply(outcome.declared()) : outcome.exitCode();
  }
}
