package io.berth.dsl;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The values a stack reads with {@link Infra#context(String)}, as CDK's context: settings a build
 * passes in, such as the environment ({@code env}) or the image tag CI built ({@code imageTag}).
 *
 * <p>Where a value comes from, the first that gives it winning: a processor option
 * ({@code -Aberth.context.imageTag=4f2c1e0}), {@code berth synth --context imageTag=...} or a
 * {@code berth.context.*} property given to Maven on its command line ({@code -D...}, which Maven
 * also makes a system property of the JVM compiling in-process); a {@code berth.context.*} property
 * of the POM (for {@code berth:synth}); the environment variable {@code BERTH_CONTEXT_} and the name
 * in upper snake case ({@code BERTH_CONTEXT_IMAGE_TAG}); the default the stack gives. A value of
 * the form {@code ${...}} counts as not given: it is a Maven property nobody defined, passed on as
 * written.
 *
 * @param given values by name, already merged from the options and properties in that order
 * @param environment the process's environment variables
 */
public record StackContext(Map<String, String> given, Map<String, String> environment) {
  /** No values at all: every {@code context(name)} without a default is reported missing. */
  public static final StackContext NONE = new StackContext(Map.of(), Map.of());
  /** The code of a context value a stack needs that the build does not give. */
  public static final String MISSING_CODE = "BerthContextMissing";
  /** The code of a context name or value that cannot be used (a name that is none, a number that is not one). */
  public static final String VALUE_CODE = "BerthContextValue";
  /** The prefix of the processor options and Maven properties that give values: {@code berth.context.env}. */
  public static final String OPTION_PREFIX = "berth.context.";
  /** The prefix of the environment variables that give values: {@code BERTH_CONTEXT_ENV}. */
  public static final String ENVIRONMENT_PREFIX = "BERTH_CONTEXT_";

  /** Copies both maps, leaving out the unresolved Maven properties ({@code ${...}}) given. */
  public StackContext {
    Map<String, String> resolved = new TreeMap<>();
    Objects.requireNonNull(given, "given == null").forEach((name, value) -> {
      if (value != null && !unresolved(value)) {
        resolved.put(name, value);
      }
    });
    given = Map.copyOf(resolved);
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
  }

  /**
   * The values named {@value #OPTION_PREFIX}{@code <name>} among {@code sources}, the first source
   * giving a name winning (options before properties), then {@code environment}. Other keys are
   * left out.
   */
  @SafeVarargs
  public static StackContext of(Map<String, String> environment, Map<String, String>... sources) {
    Map<String, String> given = new TreeMap<>();
    for (Map<String, String> source : sources) {
      source.forEach((key, value) -> {
        if (key.startsWith(OPTION_PREFIX) && key.length() > OPTION_PREFIX.length() && value != null
            && !unresolved(value)) {
          given.putIfAbsent(key.substring(OPTION_PREFIX.length()), value);
        }
      });
    }
    return new StackContext(given, environment);
  }

  /** The {@value #OPTION_PREFIX}{@code *} entries of {@code properties} (the system's, a POM's); none when null. */
  public static Map<String, String> properties(Properties properties) {
    Map<String, String> entries = new TreeMap<>();
    if (properties != null) {
      properties.stringPropertyNames().stream().filter(n -> n.startsWith(OPTION_PREFIX))
          .forEach(n -> entries.put(n, properties.getProperty(n)));
    }
    return entries;
  }

  /** The value of {@code name}, given or from the environment; empty when neither has one. */
  public Optional<String> value(String name) {
    return lookup(name).map(ContextValue::value);
  }

  /** The value of {@code name} and where it comes from ({@code GIVEN} or {@code ENVIRONMENT}); empty when neither has one. */
  public Optional<ContextValue> lookup(String name) {
    String value = given.get(name);
    if (value != null) {
      return Optional.of(new ContextValue(name, value, ContextValue.Origin.GIVEN));
    }
    return Optional.ofNullable(environment.get(variable(name)))
        .map(v -> new ContextValue(name, v, ContextValue.Origin.ENVIRONMENT));
  }

  /** The environment variable that gives {@code name}: {@code imageTag} is {@code BERTH_CONTEXT_IMAGE_TAG}. */
  public static String variable(String name) {
    return ENVIRONMENT_PREFIX + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static boolean unresolved(String value) {
    return value.startsWith("${") && value.endsWith("}");
  }
}
