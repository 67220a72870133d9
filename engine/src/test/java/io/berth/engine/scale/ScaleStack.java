package io.berth.engine.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's stack as the processor writes it ({@code META-INF/berth/scale/desired.json}):
 * {@code services} REPLICA services of cluster {@code prod} sharing {@code tasks} tasks, each with one
 * essential container that has a health check and a dynamic host port, rolled with ECS's defaults
 * (200 % maximum, 100 % minimum healthy). Version {@code v} is in every image's tag, so applying
 * the next version rolls every service.
 */
final class ScaleStack {
  static final String CLUSTER = "prod";

  private ScaleStack() {}

  /** The desired count of service {@code i} of {@code services} sharing {@code tasks}. */
  static int desiredCount(int i, int services, int tasks) {
    return tasks / services + (i < tasks % services ? 1 : 0);
  }

  static String serviceName(int i) {
    return "svc-" + i;
  }

  static String image(int i, int version) {
    return "scale/app-" + i + ":" + version;
  }

  /** Writes version {@code version} under {@code dir} (a classes directory for {@code berth apply --desired}). */
  static Path write(Path dir, int services, int tasks, int version) throws IOException {
    List<Object> definitions = new ArrayList<>();
    List<Object> declared = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      Map<String, Object> container = new LinkedHashMap<>();
      container.put("name", "app");
      container.put("image", image(i, version));
      container.put("memory", 64);
      container.put("cpu", 16);
      container.put("portMappings", List.of(Map.of("containerPort", 8080)));
      container.put("healthCheck", Map.of("command", List.of("CMD-SHELL", "true"), "interval", 5, "timeout", 2,
          "retries", 3));
      definitions.add(Map.of("family", serviceName(i), "containerDefinitions", List.of(container)));
      declared.add(Map.of("serviceName", serviceName(i), "cluster", CLUSTER, "taskDefinition", serviceName(i),
          "schedulingStrategy", "REPLICA", "desiredCount", desiredCount(i, services, tasks),
          "deploymentConfiguration", Map.of("maximumPercent", 200, "minimumHealthyPercent", 100)));
    }
    Path stack = dir.resolve("META-INF/berth/scale");
    Files.createDirectories(stack);
    new ObjectMapper().writeValue(stack.resolve("desired.json").toFile(), Map.of("apiVersion", "berth/v1",
        "stack", "scale", "clusters", List.of(Map.of("name", CLUSTER)), "taskDefinitions", definitions,
        "services", declared));
    return dir;
  }
}
