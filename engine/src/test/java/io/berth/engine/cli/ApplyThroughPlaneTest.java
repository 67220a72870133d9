package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.local.UpFile;
import io.berth.engine.local.UpLock;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.server.ServedApply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth apply --desired DIR --auto-approve} next to a running {@code berth up}: a real
 * control plane over real HTTP on a real Git state repository runs the apply for the CLI, with the
 * text, commit and exit code of a local apply; whenever the request did not reach such a control
 * plane, the CLI applies in its own process.
 */
class ApplyThroughPlaneTest {
  static final String V1 = PlanApplyCliTest.V1.toString();
  static final String V2 = PlanApplyCliTest.V2.toString();

  @TempDir Path tmp;
  Path work;
  Path served;
  Path local;
  ControlPlane plane;
  /** Held as berth up holds it while the up.json names this process (a running berth up). */
  UpLock upLock;
  final AtomicInteger applies = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectories(tmp.resolve("work"));
    served = tmp.resolve("served-state");
    local = tmp.resolve("local-state");
    assertThat(CliRun.of("init", "--state", served.toString()).exitCode()).isZero();
    assertThat(CliRun.of("init", "--state", local.toString()).exitCode()).isZero();
  }

  @AfterEach
  void tearDown() {
    if (plane != null) {
      plane.close();
    }
    if (upLock != null) {
      upLock.close();
    }
  }

  /** A control plane on the served state that counts the applies it runs, and the up.json berth up writes. */
  void startPlane(boolean servesApply, String tokenInUpFile, long pid) {
    if (plane != null) {
      plane.close(); // one control plane per state repository
    }
    var config = new ControlPlaneConfig(served, new InetSocketAddress("127.0.0.1", 0), "join-t", "admin-t", Map.of(),
        Duration.ofMillis(100), Duration.ofHours(1), // no tick of its own: only the poke after an apply reads it
        new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15)));
    plane = servesApply ? ControlPlane.start(config, Clock.systemUTC(), (request, state) -> {
      applies.incrementAndGet();
      return ServedApply.serve(request, state);
    }) : ControlPlane.start(config, Clock.systemUTC());
    new UpFile(plane.uri().toString(), "join-t", tokenInUpFile, pid, served.toString(), List.of(), "up-test")
        .write(work);
    if (pid == self() && upLock == null) {
      upLock = UpLock.acquire(work).orElseThrow();
    }
  }

  CliRun apply(Path state, String... more) {
    List<String> args = new ArrayList<>(List.of("apply", "--auto-approve", "--state", state.toString()));
    args.addAll(List.of(more));
    return CliRun.in(work, args.toArray(String[]::new));
  }

  static long self() {
    return ProcessHandle.current().pid();
  }

  @Test
  void theControlPlaneAppliesWhatALocalApplyWouldAndReadsItAtOnce() throws Exception {
    startPlane(true, "admin-t", self());

    CliRun viaPlane = apply(served, "--desired", V1);
    CliRun here = apply(local, "--desired", V1); // another state repository than berth up's: applied here

    assertThat(viaPlane.exitCode()).as(viaPlane.err()).isZero();
    assertThat(here.exitCode()).as(here.err()).isZero();
    assertThat(applies).as("applies the control plane ran").hasValue(1);
    assertThat(viaPlane.out()).contains("Plan: 4 to add, 0 to change, 0 to destroy.").contains("State is now");
    assertThat(ids(viaPlane.out())).isEqualTo(ids(here.out()));
    assertThat(viaPlane.err()).isEmpty();
    assertThat(git(served, "rev-parse", "main^{tree}")).isEqualTo(git(local, "rev-parse", "main^{tree}"));
    String declared = git(served, "rev-parse", "main");
    assertThat(viaPlane.out()).contains("State is now " + declared + ".");
    // the control plane ticks once an hour here: only the poke after the apply can have read the commit
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    var admin = new ControlPlaneClient(plane.uri(), "admin-t");
    while (!declaredCommit(admin).equals(declared) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(declaredCommit(admin)).isEqualTo(declared);

    CliRun again = apply(served, "--desired", V2);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Plan: 0 to add, 2 to change, 0 to destroy.");
    assertThat(applies).hasValue(2);
  }

  @Test
  void waitFollowsTheDeploymentsAfterAnApplyThroughTheControlPlane() {
    startPlane(true, "admin-t", self());

    // no agents: the deployments never settle, so the wait runs out (exit 1, saying they go on) after the apply
    CliRun run = apply(served, "--desired", V1, "--wait", "--wait-timeout", "1s", "--server", plane.uri().toString(),
        "--token-file", tokenFile("admin-t").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("did not reach a steady state within 1s (--wait-timeout); they go on");
    assertThat(run.out()).contains("State is now");
    assertThat(applies).hasValue(1);
  }

  @Test
  void errorsThroughTheControlPlaneAreTheLocalOnesWithTheirExitCodes() throws Exception {
    startPlane(true, "admin-t", self());
    Path broken = Files.createDirectories(tmp.resolve("broken/META-INF/berth/shop"));
    Files.writeString(broken.resolve("desired.json"), "{ \"apiVersion\": \"berth/v1\", ");
    Path leaky = Files.createDirectories(tmp.resolve("leaky/META-INF/berth/shop"));
    Files.writeString(leaky.resolve("desired.json"), Files.readString(
        PlanApplyCliTest.V1.resolve("META-INF/berth/shop/desired.json"))
        .replace("{ \"name\" : \"GREETING\", \"value\" : \"hello\" }",
            "{ \"name\" : \"DB_PASSWORD\", \"value\" : \"planted-s3cret\" }"));
    List<List<String>> cases = List.of(
        List.of("--desired", tmp.resolve("leaky").toString()),
        List.of("--desired", tmp.resolve("nope").toString()),
        List.of("--desired", tmp.toString()),
        List.of("--desired", "relative/nope"),
        List.of("--desired", tmp.resolve("broken").toString()),
        List.of("--desired", V1, "--stack", "other"));

    for (List<String> c : cases) {
      int before = applies.get();
      CliRun viaPlane = apply(served, c.toArray(String[]::new));
      CliRun here = apply(local, c.toArray(String[]::new));

      assertThat(applies.get()).as("went through the control plane: " + c).isEqualTo(before + 1);
      assertThat(viaPlane.exitCode()).as(String.join(" ", c)).isEqualTo(1).isEqualTo(here.exitCode());
      assertThat(viaPlane.err()).as(String.join(" ", c)).startsWith("error: ").isEqualTo(here.err());
      assertThat(viaPlane.out()).isEqualTo(here.out());
    }
    assertThat(git(served, "rev-list", "--count", "main")).isEqualTo("1"); // only berth init's commit
  }

  @Test
  void aWrongTokenIsAnErrorNamingTheUpFileAndNothingIsApplied() throws Exception {
    startPlane(true, "not-the-token", self());
    String tip = git(served, "rev-parse", "main");

    CliRun run = apply(served, "--desired", V1);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("refused the admin token in " + UpFile.path(work)).contains("berth down")
        .contains("berth up");
    assertThat(run.out()).isEmpty();
    assertThat(applies).hasValue(0);
    assertThat(git(served, "rev-parse", "main")).isEqualTo(tip);
  }

  @Test
  void aStoppedControlPlaneLeavesTheApplyToThisProcess() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    startPlane(true, "admin-t", gone.pid());

    CliRun deadPid = apply(served, "--desired", V1);

    assertThat(deadPid.exitCode()).as(deadPid.err()).isZero();
    assertThat(deadPid.out()).contains("State is now " + git(served, "rev-parse", "main") + ".");
    assertThat(applies).hasValue(0);

    startPlane(true, "admin-t", self());
    plane.close(); // alive process, closed port: a berth up stopping, or another program with that pid
    plane = null;

    CliRun closedPort = apply(served, "--desired", V2);

    assertThat(closedPort.exitCode()).as(closedPort.err()).isZero();
    assertThat(closedPort.out()).contains("State is now " + git(served, "rev-parse", "main") + ".");
    assertThat(applies).hasValue(0);
  }

  @Test
  void aControlPlaneThatServesNoAppliesLeavesTheApplyToThisProcess() throws Exception {
    startPlane(false, "admin-t", self()); // as a berth up older than this berth: POST /v1/apply is a 404

    CliRun run = apply(served, "--desired", V1);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("State is now " + git(served, "rev-parse", "main") + ".");
    assertThat(run.err()).isEmpty();
  }

  /** What {@code GET /v1/status} says the control plane has read of the declared state. */
  static String declaredCommit(ControlPlaneClient admin) {
    return admin.get("/v1/status", JsonNode.class).path("declaredCommit").asText();
  }

  /** The output with hexadecimal ids (plan ids, state commits) replaced, which differ between two repositories. */
  static String ids(String output) {
    return output.replaceAll("[0-9a-f]{12,40}", "<id>");
  }

  static String git(Path repository, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir", repository.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(out).isZero();
    return out.strip();
  }

  /** A file holding {@code token}: tokens never go on a command line. */
  private java.nio.file.Path tokenFile(String token) {
    try {
      return java.nio.file.Files.writeString(tmp.resolve("token-" + token), token + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
