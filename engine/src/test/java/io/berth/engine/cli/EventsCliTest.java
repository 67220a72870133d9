package io.berth.engine.cli;

import static io.berth.engine.planner.ManyStacksTest.app;
import static io.berth.engine.planner.ManyStacksTest.appJson;
import static io.berth.engine.planner.ManyStacksTest.apply;
import static io.berth.engine.planner.ManyStacksTest.desired;
import static io.berth.engine.planner.ManyStacksTest.plan;
import static io.berth.engine.planner.ManyStacksTest.platform;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.planner.ManyStacksTest;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.state.StateRepository;
import io.berth.json.BerthJson;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth events} when two clusters each run a service named "web", of two stacks: each event
 * belongs to its own cluster's service, so --stack and --json tell them apart. A real control plane
 * over HTTP, no agents: both services record that they cannot place their task.
 */
class EventsCliTest {
  @TempDir Path tmp;
  ControlPlane plane;
  String server;
  String adminFile;

  @BeforeEach
  void twoWebsInTwoClusters() throws Exception {
    Path state = tmp.resolve("state");
    try (StateRepository repo = StateRepository.init(state, ManyStacksTest.CLOCK)) {
      apply(repo, plan(repo, platform(true)));
      apply(repo, plan(repo, app("shop", "web", "shop/web:1")));
      // stack ops: a service also named web, in cluster prod, of a task definition of its own
      apply(repo, plan(repo, desired(appJson("ops", "web", "ops/web:1")
          .replace("\"family\":\"web\"", "\"family\":\"ops-web\"")
          .replace("\"taskDefinition\":\"web\"", "\"taskDefinition\":\"ops-web\"")
          .replace("\"cluster\":\"local\"", "\"cluster\":\"prod\"")
          .replace("{\"kind\":\"CLUSTER\",\"name\":\"local\"}", "{\"kind\":\"CLUSTER\",\"name\":\"prod\"}"))));
    }
    plane = ControlPlane.start(new ControlPlaneConfig(state, new InetSocketAddress("127.0.0.1", 0), "join", "admin",
        Map.of(), Duration.ofMillis(200), Duration.ofMillis(50), ReconcileSettings.defaults()), Clock.systemUTC());
    server = plane.uri().toString();
    adminFile = Files.writeString(tmp.resolve("admin-token"), "admin\n").toString();
  }

  @AfterEach
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void eachStackSeesOnlyItsOwnClustersWebAndJsonNamesTheCluster() throws Exception {
    List<JsonNode> unplaced = awaitUnplacedInBothClusters();
    assertThat(unplaced).extracting(e -> e.get("cluster").asText()).contains("local", "prod");

    CliRun shop = CliRun.of("events", "--stack", "shop", "--server", server, "--token-file", adminFile);
    CliRun ops = CliRun.of("events", "--stack", "ops", "--server", server, "--token-file", adminFile);

    assertThat(shop.exitCode()).as(shop.err()).isZero();
    assertThat(ops.exitCode()).as(ops.err()).isZero();
    // an unchanged "unable to place" repeats only after 5 min: the counts hold between the calls
    long localEvents = unplaced.stream().filter(e -> e.get("cluster").asText().equals("local")).count();
    long prodEvents = unplaced.stream().filter(e -> e.get("cluster").asText().equals("prod")).count();
    assertThat(shop.out().lines().filter(l -> l.contains("was unable to place")).count())
        .as("shop's web runs in cluster local").isEqualTo(localEvents);
    assertThat(ops.out().lines().filter(l -> l.contains("was unable to place")).count())
        .as("ops's web runs in cluster prod").isEqualTo(prodEvents);
    assertThat(shop.out()).contains("  shop  (service web)").doesNotContain("  ops  ");
    assertThat(ops.out()).contains("  ops  (service web)").doesNotContain("  shop  ");
  }

  /** The JSON lines of web's "unable to place" events, once there is one in each cluster. */
  private List<JsonNode> awaitUnplacedInBothClusters() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      CliRun run = CliRun.of("events", "web", "--json", "--server", server, "--token-file", adminFile);
      assertThat(run.exitCode()).as(run.err()).isZero();
      List<JsonNode> unplaced = new ArrayList<>();
      for (String line : run.out().lines().toList()) {
        CliSchemas.assertValid("event", line);
        JsonNode event = BerthJson.mapper().readTree(line);
        if (event.get("message").asText().contains("was unable to place a task")) {
          unplaced.add(event);
        }
      }
      if (unplaced.stream().map(e -> e.path("cluster").asText()).distinct().count() == 2) {
        return unplaced;
      }
      assertThat(System.nanoTime()).as("an unplaced event of web in each cluster").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
