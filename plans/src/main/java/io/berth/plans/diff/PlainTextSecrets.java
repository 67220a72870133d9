package io.berth.plans.diff;

import io.berth.model.ContainerDefinition;
import io.berth.model.KeyValuePair;
import io.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds secrets written in plain text into a task definition: environment variables, log driver
 * options and Docker labels whose name says they hold a password, token or key. Such a value would be committed to the state repository
 * and shown in plans, so Berth refuses it and asks for a {@code secrets} entry ({@code valueFrom}
 * names where the agent reads the value at start) instead.
 */
public final class PlainTextSecrets {
  private static final Pattern SENSITIVE_NAME = Pattern.compile(
      "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL).*");

  private PlainTextSecrets() {}

  /** True when an environment variable called {@code name} would hold a secret. */
  public static boolean isSensitive(String name) {
    return SENSITIVE_NAME.matcher(name).matches();
  }

  /** The problem of a sensitive environment variable {@code name} with a value (see {@link #find}). */
  public static String inEnvironment(String family, String container, String name) {
    return where(family, container) + "environment variable " + name + " holds a secret in plain text, which"
        + " would be stored in the state repository; declare it under secrets with a valueFrom reference instead";
  }

  /** The problem of a sensitive log option {@code name} with a value. */
  public static String inLogOptions(String family, String container, String name) {
    return where(family, container) + "log option " + name + " holds a secret in plain text; move it to the log"
        + " configuration's secretOptions (name + valueFrom)";
  }

  /** The problem of a sensitive docker label {@code name} with a value. */
  public static String inDockerLabels(String family, String container, String name) {
    return where(family, container) + "docker label " + name + " looks like a secret in plain text; labels are not"
        + " secret storage: pass the value through secrets (valueFrom) instead";
  }

  private static String where(String family, String container) {
    return "task definition " + family + ", container " + container + ": ";
  }

  /** One message per plain-text secret in {@code definitions}, naming where it is and the fix. */
  public static List<String> find(Collection<TaskDefinition> definitions) {
    List<String> problems = new ArrayList<>();
    for (TaskDefinition definition : definitions) {
      for (ContainerDefinition container : definition.containerDefinitions()) {
        String family = definition.family();
        for (KeyValuePair variable : container.environment()) {
          if (isSensitive(variable.name()) && !variable.value().isEmpty()) {
            problems.add(inEnvironment(family, container.name(), variable.name()));
          }
        }
        container.logConfiguration().ifPresent(log -> log.options().forEach((name, value) -> {
          if (isSensitive(name) && !value.isEmpty()) {
            problems.add(inLogOptions(family, container.name(), name));
          }
        }));
        container.dockerLabels().forEach((name, value) -> {
          if (isSensitive(name) && !value.isEmpty()) {
            problems.add(inDockerLabels(family, container.name(), name));
          }
        });
      }
    }
    return problems;
  }
}
