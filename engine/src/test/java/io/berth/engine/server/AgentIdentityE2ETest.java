package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.JoinToken;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker on the network holding the cluster's join token, or a registered agent overstepping
 * its instance, against a control plane serving HTTPS with its own cluster CA: every request here
 * is refused with 401 or 403 and changes nothing, while the agents' own requests succeed. Also the
 * admin tokens' scopes, join token rotation with its grace period (on a hand-moved clock) and
 * revoking an agent, whose tasks are replaced on the other instance.
 */
class AgentIdentityE2ETest {
  @TempDir Path temp;
  final MutableClock clock = new MutableClock();
  StateRepoFixture state;
  ControlPlane plane;
  ControlPlaneConfig config;
  ServerTls tls;
  String joinToken;
  FakeAgent a;
  FakeAgent b;
  /** What the served apply was asked to commit, as the control plane handed it on. */
  final List<ApplyRequest> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 2, 100, 200, false, "")
        .role("web-exec", "[{\"effect\":\"Allow\",\"actions\":[\"secrets:Read\"],\"resources\":[\"secret/webapp/*\"]}]")
        .commit();
    tls = ClusterCa.ownCa(temp.resolve("server"), ClusterCa.serverNames("127.0.0.1", List.of()), clock.instant());
    joinToken = JoinToken.create(Optional.of(tls.caFingerprint()));
    var security = new ApiSecurity(List.of(new AdminToken("ops", AdminScope.WRITE, "ops-token-0123456789"),
        new AdminToken("grafana", AdminScope.READ, "read-token-0123456789")), Optional.of(tls),
        Optional.of(temp.resolve("server")), Duration.ofMinutes(10));
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15));
    config = new ControlPlaneConfig(io.berth.engine.state.StateAccess.local(state.dir),
        new InetSocketAddress("127.0.0.1", 0), joinToken, "", Map.of("webapp/db", "db-password-42"),
        Duration.ofMillis(100), Duration.ofHours(1), settings, ControlPlaneConfig.DEFAULT_POLL, Optional.empty(),
        ControlPlaneConfig.DEFAULT_LB_LISTEN, security);
    plane = ControlPlane.start(config, clock, (request, access) -> {
      applied.add(request);
      return new io.berth.engine.api.ApplyResponse(0, "applied", "", "");
    });
    a = new FakeAgent(client(joinToken), "zone-a", Optional.empty());
    b = new FakeAgent(client(joinToken), "zone-b", Optional.empty());
    for (int i = 0; i < 4; i++) {
      cycle();
    }
  }

  @AfterEach
  void tearDown() {
    plane.close();
    state.close();
  }

  ControlPlaneClient client(String token) {
    URI uri = plane.uri();
    return new ControlPlaneClient(uri, token, ClientTls.forServer(uri, Optional.empty(), JoinToken.caFingerprint(joinToken)));
  }

  void cycle() {
    a.sync();
    b.sync();
    clock.advance(Duration.ofSeconds(1));
    plane.tick();
  }

  String taskOf(FakeAgent agent) {
    return plane.snapshot().tasks().values().stream().filter(t -> t.instanceId().equals(agent.instanceId))
        .filter(TaskRecord::wanted).map(TaskRecord::taskId).findFirst().orElseThrow();
  }

  static void refused(int status, ThrowingCallable request) {
    assertThatThrownBy(request).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(status));
  }

  @Test
  void theServerSpeaksHttpsAndEachAgentHoldsItsOwnCredential() {
    assertThat(plane.uri().getScheme()).isEqualTo("https");
    assertThat(Set.of(a.credential, b.credential)).hasSize(2).doesNotContain(joinToken);
    assertThat(a.runningCount()).isEqualTo(1);
    assertThat(b.runningCount()).isEqualTo(1);
    assertThat(a.client.secret("webapp/db", taskOf(a)).value()).isEqualTo("db-password-42");
  }

  @Test
  void theJoinTokenReadsNoSecretAndSyncsNoInstance() {
    var before = plane.snapshot();
    String victim = taskOf(b);
    ControlPlaneClient attacker = client(joinToken);

    // the two requests, sent with the join token
    refused(403, () -> attacker.get("/v1/secrets/webapp/db?taskId=" + victim, Map.class));
    ObservedTask spoofed = new ObservedTask(victim, TaskStatus.STOPPED, HealthStatus.UNHEALTHY, List.of(),
        Optional.of("spoofed"), Optional.empty(), Optional.empty());
    refused(403, () -> attacker.sync(b.instanceId, new SyncRequest(List.of(spoofed))));
    refused(403, () -> attacker.get("/v1/tasks", List.class));

    assertThat(plane.snapshot().tasks()).isEqualTo(before.tasks());
  }

  @Test
  void anAgentSyncsReportsAndReadsSecretsOnlyForItsOwnInstanceAndLiveTasks() {
    String bTask = taskOf(b);
    ObservedTask spoofed = new ObservedTask(bTask, TaskStatus.STOPPED, HealthStatus.UNHEALTHY, List.of(),
        Optional.of("spoofed"), Optional.empty(), Optional.empty());

    refused(403, () -> a.client.sync(b.instanceId, new SyncRequest(List.of())));
    refused(403, () -> a.client.sync(a.instanceId, new SyncRequest(List.of(spoofed))));
    refused(403, () -> a.client.secret("webapp/db", bTask));
    refused(403, () -> a.client.register(new io.berth.engine.api.RegisterInstanceRequest("*",
        Optional.of(b.instanceId), "host", 1024, 1024, Map.of(), "test")));
    assertThat(plane.snapshot().tasks().get(bTask).lastStatus()).isEqualTo(TaskStatus.RUNNING);

    // a's own task stops: its secret is refused from then on
    String aTask = taskOf(a);
    a.kill(aTask);
    a.sync();
    refused(403, () -> a.client.secret("webapp/db", aTask));
    // a join token asking for a registered instance's id gets a new instance, never that one
    String other = new FakeAgent(client(joinToken), "zone-c", Optional.of(b.instanceId)).instanceId;
    assertThat(other).isNotEqualTo(b.instanceId);
  }

  @Test
  void adminTokensHaveScopesAndEventsNameWhoActed() {
    ControlPlaneClient reader = client("read-token-0123456789");
    ControlPlaneClient writer = client("ops-token-0123456789");

    assertThat(reader.get("/v1/tasks", List.class)).hasSize(2);
    refused(403, () -> reader.apply(new ApplyRequest("desired", "/tmp", Optional.empty(), false)));
    refused(403, () -> reader.post("/v1/instances/" + a.instanceId + "/revoke", Map.of(), Map.class));
    refused(403, () -> reader.post("/v1/join-token", Map.of(), Map.class));
    refused(403, () -> reader.post("/v1/shutdown", Map.of(), Map.class));
    refused(403, () -> a.client.get("/v1/tasks", List.class));
    refused(401, () -> client("nobody-0123456789").get("/v1/tasks", List.class));

    assertThat(writer.apply(new ApplyRequest("desired", "/tmp", Optional.empty(), false,
        Optional.of("Alice Doe <alice@example.com>"), Optional.empty())).orElseThrow().exitCode()).isZero();
    assertThat(writer.apply(new ApplyRequest("desired", "/tmp", Optional.empty(), false)).orElseThrow().exitCode()).isZero();
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message)
        .contains("An apply of desired through the API by admin token ops succeeded.");
    // the state commit's author names the token
    assertThat(applied).extracting(r -> r.author().orElseThrow())
        .containsExactly("Alice Doe (admin token ops) <alice@example.com>", "admin token ops <berth@localhost>");
    assertThat(io.berth.engine.state.Attribution.resolve(applied.get(0).author(), Map.of(), "test").author())
        .isEqualTo("Alice Doe (admin token ops) <alice@example.com>");
  }

  @Test
  void anOldJoinTokenWorksOnlyWithinItsGracePeriod() {
    String rotated = (String) client("ops-token-0123456789").post("/v1/join-token", Map.of(), Map.class).get("joinToken");
    assertThat(rotated).isNotEqualTo(joinToken);
    assertThat(JoinToken.caFingerprint(rotated)).hasValue(tls.caFingerprint());
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message)
        .anySatisfy(m -> assertThat(m).startsWith("The join token was rotated by admin token ops"));

    clock.advance(Duration.ofMinutes(9));
    assertThat(new FakeAgent(client(joinToken), "zone-c", Optional.empty()).credential).isNotBlank();
    assertThat(new FakeAgent(client(rotated), "zone-c", Optional.empty()).credential).isNotBlank();

    clock.advance(Duration.ofMinutes(2));
    refused(401, () -> new FakeAgent(client(joinToken), "zone-c", Optional.empty()));
    assertThat(new FakeAgent(client(rotated), "zone-c", Optional.empty()).credential).isNotBlank();
    // registered agents keep their own credentials through a rotation
    assertThat(a.sync()).hasSize(1);
  }

  @Test
  void aRevokedAgentIsRefusedAndItsTasksAreReplacedElsewhere() {
    String aTask = taskOf(a);
    ControlPlaneClient writer = client("ops-token-0123456789");

    writer.post("/v1/instances/" + a.instanceId + "/revoke", Map.of(), Map.class);

    refused(401, a::sync);
    refused(401, () -> a.client.secret("webapp/db", aTask));
    refused(401, () -> a.client.register(new io.berth.engine.api.RegisterInstanceRequest("*", Optional.empty(), "host",
        1024, 1024, Map.of(), "test")));
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message)
        .contains("(instance " + a.instanceId + ") was revoked by admin token ops; its credential is refused and its tasks"
            + " will be replaced.");
    for (int i = 0; i < 4; i++) {
      b.sync();
      clock.advance(Duration.ofSeconds(1));
      plane.tick();
    }
    assertThat(plane.snapshot().tasks().get(aTask).wanted()).isFalse();
    assertThat(b.runningCount()).isEqualTo(2);
    // a restarted control plane (same data dir) still refuses it
    plane.close();
    plane = ControlPlane.start(config, clock);
    refused(401, () -> client(a.credential).sync(a.instanceId, new SyncRequest(List.of())));
    assertThat(client(b.credential).sync(b.instanceId, new SyncRequest(List.of())).tasks()).hasSize(2);
  }
}
