package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.EnvironmentFile;
import io.berth.model.KeyValuePair;
import io.berth.model.ModelPaths;
import io.berth.model.MountPoint;
import io.berth.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** The syntax of a container's values: its image reference, environment, paths and security options. */
final class ContainerValueRules {
  /** Berth's limit for one environment value: ECS sets none, but the whole task definition has 64 KiB. */
  static final int MAX_ENVIRONMENT_VALUE_BYTES = 32 * 1024;
  static final int MAX_ENVIRONMENT_FILES = 10;
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9_:./#-]{1,255}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9A-Fa-f]{64}");
  private static final Pattern ENVIRONMENT_FILE = Pattern.compile("arn:aws(-[a-z]+)*:s3:::[^/\\s]+/\\S+\\.env");
  private static final Pattern SECURITY_OPTION = Pattern.compile(
      "no-new-privileges(:(true|false))?|apparmor:\\S+|label:\\S+|credentialspec:\\S+");

  private ContainerValueRules() {}

  static void check(ContainerDefinition container, String path, Findings findings) {
    container.image().filter(image -> !image.isBlank()).ifPresent(image -> checkImage(image,
        ModelPaths.member(path, "image"), findings));
    checkEnvironment(container, path, findings);
    List<MountPoint> mounts = container.mountPoints();
    for (int i = 0; i < mounts.size(); i++) {
      String mountPath = ModelPaths.element(path, "mountPoints", i);
      mounts.get(i).containerPath().ifPresent(p -> absolute(p, "mount point", ModelPaths.member(mountPath,
          "containerPath"), findings));
    }
    container.workingDirectory().ifPresent(p -> absolute(p, "working directory",
        ModelPaths.member(path, "workingDirectory"), findings));
    for (String option : container.dockerSecurityOptions()) {
      if (!SECURITY_OPTION.matcher(option).matches()) {
        findings.add(ViolationCode.DOCKER_SECURITY_OPTION, ModelPaths.member(path, "dockerSecurityOptions"),
            "docker security option '" + option + "' is not no-new-privileges, apparmor:PROFILE, label:value or"
                + " credentialspec:PATH");
      }
    }
  }

  static void absolute(String value, String what, String path, Findings findings) {
    if (!Syntax.isAbsolutePath(value)) {
      findings.add(ViolationCode.CONTAINER_PATH, path, what + " '" + value + "' is not an absolute path; write it"
          + " from the root, e.g. /" + value.replaceFirst("^[./]+", ""));
    }
  }

  private static void checkImage(String image, String path, Findings findings) {
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    if (!IMAGE.matcher(name).matches()) {
      findings.add(ViolationCode.IMAGE_REFERENCE, path, "image '" + image + "' must be at most 255 letters, digits"
          + " and - _ : . / # before any @digest; fix the reference (placeholders such as {{TAG}} are not"
          + " resolved)");
    } else if (at >= 0 && !DIGEST.matcher(image.substring(at + 1)).matches()) {
      findings.add(ViolationCode.IMAGE_REFERENCE, path, "image digest '" + image.substring(at + 1) + "' must be"
          + " sha256: and 64 hex digits");
    }
  }

  private static void checkEnvironment(ContainerDefinition container, String path, Findings findings) {
    for (KeyValuePair variable : container.environment()) {
      String variablePath = ModelPaths.element(path, "environment", variable.name());
      if (variable.name().isEmpty() || variable.name().contains("=") || variable.name().indexOf('\0') >= 0) {
        findings.add(ViolationCode.ENVIRONMENT, variablePath, "environment variable name '" + variable.name()
            + "' must be non-empty, without '=' or NUL; rename it");
      }
      int bytes = variable.value().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_ENVIRONMENT_VALUE_BYTES) {
        findings.add(ViolationCode.ENVIRONMENT, variablePath, "environment variable " + variable.name() + " holds "
            + bytes + " bytes; Berth accepts at most " + MAX_ENVIRONMENT_VALUE_BYTES + " per value (the whole task"
            + " definition may have 64 KiB): mount large data from a volume or read it from a secret");
      }
    }
    List<EnvironmentFile> files = container.environmentFiles();
    if (files.size() > MAX_ENVIRONMENT_FILES) {
      findings.add(ViolationCode.ENVIRONMENT, ModelPaths.element(path, "environmentFiles", MAX_ENVIRONMENT_FILES),
          files.size() + " environment files; a container takes at most " + MAX_ENVIRONMENT_FILES);
    }
    for (int i = 0; i < files.size(); i++) {
      String value = files.get(i).value();
      if (!ENVIRONMENT_FILE.matcher(value).matches()) {
        findings.add(ViolationCode.ENVIRONMENT, ModelPaths.element(path, "environmentFiles", i), "environment file '"
            + value + "' must be the ARN of an S3 object ending in .env, e.g. arn:aws:s3:::bucket/app.env");
      }
    }
    for (Secret secret : container.secrets()) {
      if (secret.name().isBlank() || secret.valueFrom().isBlank()) {
        findings.add(ViolationCode.ENVIRONMENT, ModelPaths.element(path, "secrets", secret.name()), "a secret needs a"
            + " name and a valueFrom (where the agent reads the value, e.g. secret/app/db)");
      }
    }
  }
}
