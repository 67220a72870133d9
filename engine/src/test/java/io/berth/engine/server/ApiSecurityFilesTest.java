package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.JoinToken;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files and trust behind the API's security: the admin tokens file and its errors, the join
 * token's grace period on a hand-moved clock, the cluster CA kept across starts, and clients
 * refusing a server of another CA.
 */
class ApiSecurityFilesTest {
  @TempDir Path temp;

  @Test
  void adminTokensAreNamedScopedLinesAndABadLineIsNamed() throws Exception {
    Path file = Files.writeString(temp.resolve("tokens"), "# who scope token\nops write 0123456789abcdef0\n\n"
        + "grafana   READ   fedcba98765432100\n");
    assertThat(AdminTokens.read(file)).extracting(AdminToken::name, AdminToken::scope)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ops", AdminScope.WRITE),
            org.assertj.core.groups.Tuple.tuple("grafana", AdminScope.READ));
    assertThat(AdminTokens.read(file).get(0).toString()).doesNotContain("0123456789abcdef0");

    Files.writeString(file, "ops admin 0123456789abcdef0\n");
    assertThatThrownBy(() -> AdminTokens.read(file)).hasMessage(file + " line 1: scope 'admin' is neither read nor write");
    Files.writeString(file, "ops write short\n");
    assertThatThrownBy(() -> AdminTokens.read(file)).hasMessageContaining("shorter than 16 characters");
    Files.writeString(file, "ops write 0123456789abcdef0 extra\n");
    assertThatThrownBy(() -> AdminTokens.read(file)).hasMessageContaining("line 1 has 4 words; write NAME SCOPE TOKEN");
    Files.writeString(file, "ops write 0123456789abcdef0\nops read 0123456789abcdef1\n");
    assertThatThrownBy(() -> AdminTokens.read(file)).hasMessageContaining("line 2: the name ops is used twice");
  }

  @Test
  void thePreviousJoinTokenIsAcceptedUntilItsGracePeriodEnds() throws Exception {
    MutableClock clock = new MutableClock();
    Path file = temp.resolve("join-token");
    JoinTokens tokens = new JoinTokens("first", Duration.ofMinutes(5), clock, Optional.of(file), Optional.of("ab".repeat(32)));

    JoinTokens.Rotation rotation = tokens.rotate();

    assertThat(rotation.token()).startsWith("BERTH-JOIN-1-" + "ab".repeat(32) + "-");
    assertThat(Files.readString(file).strip()).isEqualTo(rotation.token());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(tokens.accepts("first")).isTrue();
    clock.advance(Duration.ofMinutes(4));
    assertThat(tokens.accepts("first")).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(tokens.accepts("first")).isFalse();
    assertThat(tokens.accepts(rotation.token())).isTrue();
    assertThat(tokens.accepts("other")).isFalse();
  }

  @Test
  void theClusterCaIsKeptAcrossStartsAndItsKeyIsTheOwnersOnly() throws Exception {
    ServerTls first = ClusterCa.ownCa(temp.resolve("server"), ClusterCa.serverNames("127.0.0.1", List.of("berth.example")),
        Clock.systemUTC().instant());
    ServerTls second = ClusterCa.ownCa(temp.resolve("server"), ClusterCa.serverNames("127.0.0.1", List.of()),
        Clock.systemUTC().instant());

    assertThat(second.caFingerprint()).isEqualTo(first.caFingerprint()).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("server/ca-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(JoinToken.caFingerprint(JoinToken.create(Optional.of(first.caFingerprint())))).hasValue(first.caFingerprint());
    assertThat(JoinToken.caFingerprint("a token written by hand")).isEmpty();
  }

  @Test
  void aClientRefusesAServerOfAnotherCaWhetherPinnedOrGivenTheCaFile() throws Exception {
    ServerTls cluster = ClusterCa.ownCa(temp.resolve("cluster"), ClusterCa.serverNames("127.0.0.1", List.of()),
        Clock.systemUTC().instant());
    ServerTls impostor = ClusterCa.ownCa(temp.resolve("impostor"), ClusterCa.serverNames("127.0.0.1", List.of()),
        Clock.systemUTC().instant());
    try (StateRepoFixture state = new StateRepoFixture(temp.resolve("state.git"))) {
      state.taskDefinition("web", 1, "webapp:1", "").commit();
      var config = new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-0123456789",
          "admin-0123456789", Map.of(), Duration.ofMillis(200), Duration.ofHours(1), ReconcileSettings.defaults())
          .securedBy(new ApiSecurity(List.of(), Optional.of(impostor), Optional.empty(), Duration.ofHours(1)));
      try (ControlPlane plane = ControlPlane.start(config, Clock.systemUTC())) {
        URI uri = plane.uri();
        var pinned = new ControlPlaneClient(uri, "admin-0123456789",
            ClientTls.forServer(uri, Optional.empty(), Optional.of(cluster.caFingerprint())));
        var anchored = new ControlPlaneClient(uri, "admin-0123456789",
            ClientTls.forServer(uri, Optional.of(temp.resolve("cluster/ca.pem")), Optional.empty()));
        var right = new ControlPlaneClient(uri, "admin-0123456789",
            ClientTls.forServer(uri, Optional.of(temp.resolve("impostor/ca.pem")), Optional.empty()));

        assertThatThrownBy(() -> pinned.get("/v1/tasks", List.class)).isInstanceOfSatisfying(ApiException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getMessage()).startsWith("the control plane at " + uri + " is not trusted")
                  .contains("no CA with the fingerprint the join token carries");
              assertThat(e.error().fix()).startsWith("give --ca FILE");
            });
        assertThatThrownBy(() -> anchored.get("/v1/tasks", List.class)).isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.getMessage()).isEqualTo("the control plane at " + uri + " is not trusted: its certificate"
                + " does not lead to a CA this client trusts").doesNotContain("sun.").doesNotContain("Exception"));
        assertThat(right.get("/v1/tasks", List.class)).isEmpty();
      }
    }
  }
}
