package io.berth.dsl;

import io.berth.validation.Severity;
import io.berth.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The context values one evaluation of a stack reads ({@link Infra#context(String)}), and the
 * problems with them, each located at the DSL line that asked: a required value the build does
 * not give, a name that is none, a number that is not one. A stack keeps running with a stand-in
 * (the default, or an empty string or zero), so that every missing value is reported at once.
 */
final class ContextValues {
  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");

  private final StackContext context;
  private final List<Violation> problems = new ArrayList<>();
  private final Set<String> reported = new HashSet<>();
  /** The values the stack got, by name, the first read of a name winning. */
  private final Map<String, ContextValue> read = new TreeMap<>();

  ContextValues(StackContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  /** The value of {@code name}; {@code defaultValue} when not given, a problem when that is null too. */
  String text(String name, String defaultValue) {
    Objects.requireNonNull(name, "context name == null");
    if (!NAME.matcher(name).matches()) {
      report(name, StackContext.VALUE_CODE, "context name '" + name + "' is not a name of letters and digits"
          + " starting with a lower-case letter (such as env or imageTag); rename it");
      return defaultValue == null ? "" : defaultValue;
    }
    Optional<ContextValue> found = context.lookup(name);
    Optional<String> value = found.map(ContextValue::value);
    if (found.isPresent()) {
      read.putIfAbsent(name, found.get());
    } else if (defaultValue != null) {
      read.putIfAbsent(name, new ContextValue(name, defaultValue, ContextValue.Origin.DEFAULT));
    }
    if (value.isEmpty() && defaultValue == null) {
      String option = StackContext.OPTION_PREFIX + name + "=VALUE";
      report(name, StackContext.MISSING_CODE, "context value " + name + " is not given; pass -D" + option
          + " to Maven, -A" + option + " to javac or --context " + name + "=VALUE to berth synth, or set "
          + StackContext.variable(name) + " in the environment; or give a default: infra.context(\"" + name
          + "\", ...)");
    }
    return value.orElse(defaultValue == null ? "" : defaultValue);
  }

  /** The whole-number value of {@code name}; {@code defaultValue} when not given, a problem when that is null too. */
  int number(String name, Integer defaultValue) {
    String value = text(name, defaultValue == null ? null : String.valueOf(defaultValue));
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      report(name, StackContext.VALUE_CODE, "context value " + name + " is '" + value + "', not a whole number;"
          + " give it as digits, e.g. 3");
      return defaultValue == null ? 0 : defaultValue;
    }
  }

  /** The values the stack read, by name. */
  List<ContextValue> values() {
    return List.copyOf(read.values());
  }

  /** The problems found, at most one per name (the first), in the order the stack met them. */
  List<Violation> problems() {
    return List.copyOf(problems);
  }

  private void report(String name, String code, String message) {
    if (reported.add(name)) {
      problems.add(new Violation(code, Severity.ERROR, "context[" + name + "]", message, CallSites.callSite()));
    }
  }
}
