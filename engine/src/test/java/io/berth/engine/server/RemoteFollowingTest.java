package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateCommit;
import io.berth.engine.state.StateLocation;
import io.berth.engine.state.StateRepository;
import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.GitDaemon;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth server} on a remote state ({@code git daemon} on loopback): it follows pushes by
 * polling and at once on a signed webhook, and serves {@code POST /v1/apply}, pushing the commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteFollowingTest {
  static final String SECRET = "webhook-secret-for-tests";
  static final Path V1 = Path.of("src/test/resources/desired/v1").toAbsolutePath();
  static final Path V2 = Path.of("src/test/resources/desired/v2").toAbsolutePath();

  @TempDir static Path tmp;
  Path served;
  GitDaemon daemon;
  ControlPlane plane;
  int repos;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startDaemon() throws Exception {
    served = Files.createDirectories(tmp.resolve("served"));
    daemon = GitDaemon.start(served);
  }

  @AfterAll
  void stopDaemon() {
    daemon.close();
  }

  @AfterEach
  void stopPlane() {
    if (plane != null) {
      plane.close();
    }
  }

  StateAccess access(String url, String machine) {
    return new StateAccess(StateLocation.parse(url), tmp.resolve(machine + "-" + repos + "/cache"), false, Map.of());
  }

  /** A new remote with berth's first commit, and a control plane following it. */
  String followed(Duration poll) {
    String url = daemon.url(GitCli.bare(served, "state-" + (++repos) + ".git").getFileName().toString());
    StateRepository.init(access(url, "init"), Clock.systemUTC(), Attribution.berth("test")).close();
    plane = ControlPlane.start(new ControlPlaneConfig(access(url, "server"), new InetSocketAddress("127.0.0.1", 0),
        "join-t", "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofMillis(100),
        new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15)), poll,
        Optional.of(SECRET), ControlPlaneConfig.DEFAULT_LB_LISTEN, ApiSecurity.plain()), Clock.systemUTC(),
        ServedApply::serve);
    return url;
  }

  /** What a runner on another machine does: plan V1 and apply it against the remote. */
  String applyFromRunner(String url, Path desired) {
    try (StateRepository runner = StateRepository.open(access(url, "runner"))) {
      var planner = new io.berth.engine.planner.Planner(runner, io.berth.engine.planner.SchedulerDryRun.NONE);
      return planner.apply(planner.plan(io.berth.engine.planner.DesiredInput.read(desired, Optional.empty())))
          .orElseThrow();
    }
  }

  String declaredCommit() {
    return new ControlPlaneClient(plane.uri(), "admin-t").get("/v1/status", ClusterStatus.class).declaredCommit();
  }

  @Test
  void aPushedApplyIsPickedUpWithinThePollInterval() {
    String url = followed(Duration.ofSeconds(1));
    String pushed = applyFromRunner(url, V1);
    long start = System.nanoTime();

    awaitTrue(() -> pushed.equals(declaredCommit()), Duration.ofSeconds(10));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("poll 1 s, with room for a loaded machine")
        .isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void aSignedWebhookFetchesAtOnceAndAnUnsignedOneIsRefused() throws Exception {
    String url = followed(Duration.ofHours(1));
    String pushed = applyFromRunner(url, V1);
    byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> forged = hook(body, "sha256=" + "0".repeat(64));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("not signed with this control plane's secret");

    String signature = "sha256=" + HexFormat.of().formatHex(WebhookSignature.hmac(
        SECRET.getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(body)));
    HttpResponse<String> signed = hook(body, signature);
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
    awaitTrue(() -> pushed.equals(declaredCommit()), Duration.ofSeconds(10));
  }

  @Test
  void servedAppliesCommitAndPushWithTheClientsAuthor() throws Exception {
    String url = followed(Duration.ofHours(1));
    ApplyRequest request = new ApplyRequest(V2.toString(), tmp.toString(), Optional.empty(), false,
        Optional.of("Jane Doe <jane@example.com>"), Optional.of("https://ci.example.com/run/9"));

    ApplyResponse response = new ControlPlaneClient(plane.uri(), "admin-t").apply(request).orElseThrow();

    assertThat(response.exitCode()).as(response.err()).isZero();
    String remoteMain = GitCli.run(served, "--git-dir", served.resolve("state-" + repos + ".git").toString(),
        "rev-parse", "main").strip();
    assertThat(response.declared()).isEqualTo(remoteMain);
    awaitTrue(() -> remoteMain.equals(declaredCommit()), Duration.ofSeconds(10));
    try (StateRepository auditor = StateRepository.open(access(url, "auditor"))) {
      StateCommit commit = auditor.history(1).get(0);
      assertThat(commit.author()).isEqualTo("Jane Doe <jane@example.com>");
      assertThat(commit.runUrl()).contains("https://ci.example.com/run/9");
    }
  }

  private HttpResponse<String> hook(byte[] body, String signature) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(plane.uri() + "/v1/hooks/state"))
        .header(WebhookSignature.GITHUB, signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void awaitTrue(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
