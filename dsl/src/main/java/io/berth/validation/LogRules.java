package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.FirelensConfiguration;
import io.berth.model.LogConfiguration;
import io.berth.model.LogDriver;
import io.berth.model.ModelPaths;
import io.berth.model.Secret;
import io.berth.model.TaskDefinition;
import java.util.Map;
import java.util.Set;

/** The options log drivers require or forbid, and the options of a FireLens router. */
final class LogRules {
  private static final Set<String> MODES = Set.of("blocking", "non-blocking");
  private static final Set<String> CONFIG_FILE_TYPES = Set.of("s3", "file");

  private LogRules() {}

  static void check(TaskDefinition task, Findings findings) {
    for (ContainerDefinition container : task.containerDefinitions()) {
      String path = ModelPaths.container(task.family(), container.name());
      container.logConfiguration().ifPresent(log -> checkLog(log, ModelPaths.member(path, "logConfiguration"),
          findings));
      container.firelensConfiguration().ifPresent(firelens -> checkFirelens(firelens,
          ModelPaths.member(path, "firelensConfiguration"), findings));
    }
  }

  private static void checkLog(LogConfiguration log, String path, Findings findings) {
    Map<String, String> options = log.options();
    if (log.logDriver() == LogDriver.AWSLOGS) {
      for (String required : new String[] {"awslogs-group", "awslogs-region"}) {
        if (!options.containsKey(required)) {
          findings.add(ViolationCode.LOG_CONFIGURATION, ModelPaths.member(path, "logDriver"), "awslogs needs the"
              + " option " + required + "; add .option(\"" + required + "\", ...)");
        }
      }
      if (options.containsKey("awslogs-datetime-format") && options.containsKey("awslogs-multiline-pattern")) {
        findings.add(ViolationCode.LOG_CONFIGURATION, ModelPaths.element(path, "options", "awslogs-multiline-pattern"),
            "awslogs takes awslogs-datetime-format or awslogs-multiline-pattern, not both; keep one");
      }
    }
    if (log.logDriver() == LogDriver.SPLUNK) {
      if (!options.containsKey("splunk-url")) {
        findings.add(ViolationCode.LOG_CONFIGURATION, ModelPaths.member(path, "logDriver"), "splunk needs the"
            + " option splunk-url; add .option(\"splunk-url\", \"https://...\")");
      }
      boolean token = options.containsKey("splunk-token")
          || log.secretOptions().stream().anyMatch(s -> s.name().equals("splunk-token"));
      if (!token) {
        findings.add(ViolationCode.LOG_CONFIGURATION, ModelPaths.member(path, "logDriver"), "splunk needs the"
            + " option splunk-token; add it with .secretOption(\"splunk-token\", \"secret/...\")");
      }
    }
    String mode = options.get("mode");
    if (mode != null && !MODES.contains(mode)) {
      findings.add(ViolationCode.LOG_CONFIGURATION, ModelPaths.element(path, "options", "mode"), "log mode '" + mode
          + "' is neither blocking nor non-blocking");
    }
    for (Secret secret : log.secretOptions()) {
      if (secret.name().isBlank() || secret.valueFrom().isBlank()) {
        findings.add(ViolationCode.LOG_CONFIGURATION, ModelPaths.element(path, "secretOptions", secret.name()),
            "a secret log option needs a name and a valueFrom");
      }
    }
  }

  private static void checkFirelens(FirelensConfiguration firelens, String path, Findings findings) {
    Map<String, String> options = firelens.options();
    String metadata = options.get("enable-ecs-log-metadata");
    if (metadata != null && !metadata.equals("true") && !metadata.equals("false")) {
      findings.add(ViolationCode.FIRELENS, ModelPaths.element(path, "options", "enable-ecs-log-metadata"),
          "enable-ecs-log-metadata is true or false, not '" + metadata + "'");
    }
    String type = options.get("config-file-type");
    if (type != null && !CONFIG_FILE_TYPES.contains(type)) {
      findings.add(ViolationCode.FIRELENS, ModelPaths.element(path, "options", "config-file-type"),
          "config-file-type is s3 or file, not '" + type + "'");
    }
    if (type != null && options.getOrDefault("config-file-value", "").isBlank()) {
      findings.add(ViolationCode.FIRELENS, ModelPaths.element(path, "options", "config-file-type"),
          "a config-file-type needs a config-file-value: the S3 object ARN or the file's path in the image");
    } else if (type == null && options.containsKey("config-file-value")) {
      findings.add(ViolationCode.FIRELENS, ModelPaths.element(path, "options", "config-file-value"),
          "config-file-value needs config-file-type s3 or file");
    }
  }
}
