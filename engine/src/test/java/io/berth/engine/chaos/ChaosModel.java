package io.berth.engine.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.engine.local.ExampleImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What a chaos run declares: a few services, each with a desired count, an image and a greeting
 * (an environment value, so a change is a new task definition revision and a rolling deployment).
 * Written as a processor's {@code desired.json}, and read back from any commit of the state
 * repository, so every commit can be compared with the models the run applied.
 */
record ChaosModel(Map<String, Service> services) {
  static final List<String> NAMES = List.of("chaos-a", "chaos-b", "chaos-c");
  static final int MAXIMUM_PERCENT = 200;
  static final int MINIMUM_HEALTHY_PERCENT = 50;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Where the stack's documents are in the state repository (layout 2). */
  private static final String STACK = "stacks/chaos/";

  /** One service: its desired count and its one container's image and greeting. */
  record Service(int count, String image, String greeting) {}

  ChaosModel {
    services = Map.copyOf(new TreeMap<>(services));
  }

  /** A random model: every service 0-3 tasks (the first at least one), one of two images, one of three greetings. */
  static ChaosModel random(Random random) {
    Map<String, Service> services = new TreeMap<>();
    for (String name : NAMES) {
      services.put(name, new Service(random.nextInt(name.equals("chaos-a") ? 1 : 0, 4),
          random.nextBoolean() ? ExampleImages.WEBAPP_1 : ExampleImages.WEBAPP_2, "g" + random.nextInt(3)));
    }
    return new ChaosModel(services);
  }

  /** Every service at zero tasks. */
  ChaosModel emptied() {
    Map<String, Service> services = new TreeMap<>();
    this.services.forEach((name, s) -> services.put(name, new Service(0, s.image(), s.greeting())));
    return new ChaosModel(services);
  }

  int maxCount(String service) {
    return Optional.ofNullable(services.get(service)).map(Service::count).orElse(0);
  }

  /** The processor output of this model for {@code cluster}. */
  String desiredJson(String cluster) {
    var root = JSON.createObjectNode().put("apiVersion", "berth/v1").put("stack", "chaos");
    root.putArray("clusters").addObject().put("name", cluster);
    var role = root.putArray("roles").addObject().put("name", "chaos-exec");
    var statement = role.putArray("statements").addObject().put("effect", "Allow");
    statement.putArray("actions").add("secrets:Read");
    statement.putArray("resources").add("secret/chaos/*");
    var definitions = root.putArray("taskDefinitions");
    var serviceArray = root.putArray("services");
    services.forEach((name, s) -> {
      var definition = definitions.addObject().put("family", name).put("executionRoleArn", "arn:berth:iam::role/chaos-exec");
      var container = definition.putArray("containerDefinitions").addObject().put("name", "web").put("image", s.image())
          .put("memory", 64).put("essential", true).put("stopTimeout", 2);
      container.putArray("portMappings").addObject().put("containerPort", 8080);
      container.putArray("environment").addObject().put("name", "GREETING").put("value", s.greeting());
      container.putArray("secrets").addObject().put("name", "DB_PASSWORD").put("valueFrom", "secret/" + ChaosCluster.SECRET_NAME);
      var service = serviceArray.addObject().put("serviceName", name).put("cluster", cluster).put("taskDefinition", name)
          .put("schedulingStrategy", "REPLICA").put("desiredCount", s.count());
      service.putObject("deploymentConfiguration").put("maximumPercent", MAXIMUM_PERCENT)
          .put("minimumHealthyPercent", MINIMUM_HEALTHY_PERCENT);
    });
    return root.toPrettyString();
  }

  /** The model a state commit declares, with each service's active revision; empty when it declares none. */
  static Optional<Declared> read(Repository repository, RevCommit commit, String cluster) throws IOException {
    Map<String, Service> services = new TreeMap<>();
    Map<String, Integer> revisions = new TreeMap<>();
    for (String name : NAMES) {
      Optional<JsonNode> service = file(repository, commit, STACK + "services/" + cluster + "/" + name + ".json");
      if (service.isEmpty()) {
        continue;
      }
      String[] td = service.get().path("taskDefinition").asText().split(":");
      JsonNode definition = file(repository, commit, STACK + "task-definitions/" + td[0] + "/" + td[1] + ".json")
          .orElseThrow(() -> new IOException("commit " + commit.name() + " names " + td[0] + ":" + td[1]
              + " but holds no such revision"));
      JsonNode container = definition.path("containerDefinitions").path(0);
      services.put(name, new Service(service.get().path("desiredCount").asInt(), container.path("image").asText(),
          container.path("environment").path(0).path("value").asText()));
      revisions.put(name, Integer.parseInt(td[1]));
    }
    return services.isEmpty() ? Optional.empty() : Optional.of(new Declared(new ChaosModel(services), revisions));
  }

  /** A committed model and the revision each service runs. */
  record Declared(ChaosModel model, Map<String, Integer> revisions) {}

  private static Optional<JsonNode> file(Repository repository, RevCommit commit, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      if (walk == null) {
        return Optional.empty();
      }
      ObjectId blob = walk.getObjectId(0);
      return Optional.of(JSON.readTree(repository.open(blob).getBytes()));
    }
  }

  void write(Path directory, String cluster) throws IOException {
    java.nio.file.Files.createDirectories(directory);
    java.nio.file.Files.writeString(directory.resolve("desired.json"), desiredJson(cluster));
  }
}
