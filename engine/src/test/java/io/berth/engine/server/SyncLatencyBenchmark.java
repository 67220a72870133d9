package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.JoinToken;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trip of one agent sync (an answered report) over real HTTP and over HTTPS on loopback, on a
 * kept-alive connection: what every report and every changed assignment costs in latency. Prints the median
 * and 90th percentile of 200 exchanges after 50 warm-up exchanges; no timing is asserted.
 *
 * <p>Run: {@code mvn -q -B -o -pl engine -am test -Dtest=SyncLatencyBenchmark -Dberth.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true")
class SyncLatencyBenchmark {
  @TempDir Path temp;

  @Test
  void syncRoundTrip() throws Exception {
    roundTrip(Optional.empty(), "plain HTTP");
  }

  /** The same over HTTPS with the cluster CA, the agent pinning it by the join token's fingerprint. */
  @Test
  void syncRoundTripOverTls() throws Exception {
    ServerTls tls = ClusterCa.ownCa(temp.resolve("server"), ClusterCa.serverNames("127.0.0.1", List.of()),
        Clock.systemUTC().instant());
    roundTrip(Optional.of(tls), "HTTPS");
  }

  private void roundTrip(Optional<ServerTls> tls, String transport) throws Exception {
    try (StateRepoFixture state = new StateRepoFixture(temp.resolve("state.git"))) {
      state.taskDefinition("web", 1, "webapp:1", "").commit();
      var settings = new ReconcileSettings(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(15));
      String joinToken = JoinToken.create(tls.map(ServerTls::caFingerprint));
      try (ControlPlane plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0),
          joinToken, "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings)
          .securedBy(new ApiSecurity(List.of(), tls, Optional.empty(), Duration.ofHours(1))), Clock.systemUTC())) {
        ControlPlaneClient agent = new ControlPlaneClient(plane.uri(), joinToken,
            ClientTls.forServer(plane.uri(), Optional.empty(), JoinToken.caFingerprint(joinToken)));
        String instance = agent.register(new RegisterInstanceRequest("*", Optional.empty(), "host-a", 2048, 2048,
            Map.of("ecs.availability-zone", "a"), "bench")).instanceId();
        SyncRequest report = new SyncRequest(List.of());
        long[] nanos = new long[250];
        for (int i = 0; i < nanos.length; i++) {
          long started = System.nanoTime();
          var synced = agent.syncAsync(instance, report, OptionalLong.empty(), Duration.ZERO).get();
          nanos[i] = System.nanoTime() - started;
          assertThat(synced.index()).isPresent();
        }
        long[] measured = Arrays.copyOfRange(nanos, 50, nanos.length);
        Arrays.sort(measured);
        System.out.printf("sync round trip over loopback, %s: median %.2f ms, p90 %.2f ms, %d exchanges%n",
            transport, measured[measured.length / 2] / 1e6,
            measured[measured.length * 9 / 10] / 1e6, measured.length);
      }
    }
  }
}
