package io.berth.cql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One comparison, {@code subject operator [value | [values]]}, e.g.
 * {@code attribute:ecs.availability-zone in [zone-a, zone-b]}. Values are checked against the
 * subject when the condition is built (a count must be an integer, a regex must compile), so a bad
 * expression fails at compile time rather than at placement.
 *
 * <p>Semantics: a missing attribute satisfies only the negative operators ({@code != !exists
 * not_in !~}). {@code task:group} holds for {@code == in =~} when any task on the instance is in
 * a matching group, and for {@code != not_in !~} when none is. Regular expressions match the whole
 * value. Ordering compares numbers numerically, {@code agentVersion} part by part, {@code
 * registeredAt} in time and everything else as text.
 */
public final class Condition implements Expression {
  private final Subject subject;
  private final Operator operator;
  private final List<String> values;
  private final List<Pattern> patterns = new ArrayList<>();
  private final List<Instant> instants = new ArrayList<>();

  /** Builds a condition; throws {@link IllegalArgumentException} when a value does not suit the subject. */
  public Condition(Subject subject, Operator operator, List<String> values) {
    this.subject = Objects.requireNonNull(subject, "subject == null");
    this.operator = Objects.requireNonNull(operator, "operator == null");
    this.values = List.copyOf(values);
    checkApplicable(subject, operator).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    int expected = operator.arity() == Operator.Arity.NONE ? 0 : 1;
    if (operator.arity() == Operator.Arity.LIST ? this.values.isEmpty() : this.values.size() != expected) {
      throw new IllegalArgumentException("operator " + operator.symbol() + " takes "
          + (operator.arity() == Operator.Arity.LIST ? "a non-empty list of values" : expected + " value(s)"));
    }
    for (int i = 0; i < this.values.size(); i++) {
      check(i, this.values.get(i));
    }
  }

  /** The subject being tested. */
  public Subject subject() {
    return subject;
  }

  /** The comparison. */
  public Operator operator() {
    return operator;
  }

  /** The values on the right-hand side (none for exists/!exists, one, or a list for in/not_in). */
  public List<String> values() {
    return values;
  }

  /** Why {@code operator} cannot be used with {@code subject}, if it cannot. */
  static Optional<String> checkApplicable(Subject subject, Operator operator) {
    if (subject.kind() == Subject.Kind.TASK_GROUP && operator.isOrdering()) {
      return Optional.of("task:group cannot be ordered with " + operator.symbol()
          + "; use ==, !=, in, not_in, =~, !~, exists or !exists");
    }
    if (subject.kind() == Subject.Kind.AGENT_CONNECTED && (operator.isOrdering()
        || operator == Operator.MATCHES || operator == Operator.NOT_MATCHES)) {
      return Optional.of("agentConnected is true or false; compare it with == or !=, not " + operator.symbol());
    }
    return Optional.empty();
  }

  private void check(int index, String value) {
    if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
      try {
        patterns.add(Pattern.compile(value));
      } catch (PatternSyntaxException e) {
        throw new BadValueException(index, "'" + value + "' is not a valid Java regular expression ("
            + e.getDescription() + ")");
      }
      return;
    }
    switch (subject.kind()) {
      case RUNNING_TASKS_COUNT:
        if (!value.matches("\\d{1,9}")) {
          throw new BadValueException(index, "runningTasksCount compares with a whole number, not '" + value + "'");
        }
        break;
      case AGENT_CONNECTED:
        if (!value.equals("true") && !value.equals("false")) {
          throw new BadValueException(index, "agentConnected compares with true or false, not '" + value + "'");
        }
        break;
      case REGISTERED_AT:
        instants.add(parseInstant(value).orElseThrow(() -> new BadValueException(index,
            "registeredAt compares with an ISO date or date-time such as 2024-05-01 or 2024-05-01T12:00:00Z, not '"
                + value + "'")));
        break;
      default:
        break;
    }
  }

  @Override
  public boolean matches(QueryTarget instance) {
    switch (operator) {
      case EXISTS:
        return exists(instance);
      case NOT_EXISTS:
        return !exists(instance);
      case EQUALS:
        return anyActual(instance, actual -> compare(actual, 0) == 0);
      case NOT_EQUALS:
        return !anyActual(instance, actual -> compare(actual, 0) == 0);
      case IN:
        return anyActual(instance, this::inList);
      case NOT_IN:
        return !anyActual(instance, this::inList);
      case MATCHES:
        return anyActual(instance, actual -> patterns.get(0).matcher(actual).matches());
      case NOT_MATCHES:
        return !anyActual(instance, actual -> patterns.get(0).matcher(actual).matches());
      case GREATER:
        return anyActual(instance, actual -> compare(actual, 0) > 0);
      case GREATER_OR_EQUAL:
        return anyActual(instance, actual -> compare(actual, 0) >= 0);
      case LESS:
        return anyActual(instance, actual -> compare(actual, 0) < 0);
      default:
        return anyActual(instance, actual -> compare(actual, 0) <= 0);
    }
  }

  private boolean inList(String actual) {
    for (int i = 0; i < values.size(); i++) {
      if (compare(actual, i) == 0) {
        return true;
      }
    }
    return false;
  }

  private boolean exists(QueryTarget instance) {
    switch (subject.kind()) {
      case ATTRIBUTE:
        return instance.attribute(subject.attributeName().orElseThrow()).isPresent();
      case TASK_GROUP:
        return !instance.taskGroups().isEmpty();
      default:
        return true;
    }
  }

  /** Whether the test holds for the subject's value, or for any of them (task groups). */
  private boolean anyActual(QueryTarget instance, Predicate<String> test) {
    switch (subject.kind()) {
      case ATTRIBUTE:
        return instance.attribute(subject.attributeName().orElseThrow()).map(test::test).orElse(false);
      case TASK_GROUP:
        for (String group : instance.taskGroups()) {
          if (test.test(group)) {
            return true;
          }
        }
        return false;
      case INSTANCE_ID:
        return test.test(instance.instanceId());
      case AGENT_CONNECTED:
        return test.test(Boolean.toString(instance.agentConnected()));
      case AGENT_VERSION:
        return test.test(instance.agentVersion());
      case REGISTERED_AT:
        return test.test(instance.registeredAt().toString());
      default:
        return test.test(Integer.toString(instance.runningTasksCount()));
    }
  }

  /** Compares an actual value with the value at {@code index} in the subject's natural order. */
  private int compare(String actual, int index) {
    String expected = values.get(index);
    switch (subject.kind()) {
      case REGISTERED_AT:
        return Instant.parse(actual).compareTo(instants.get(index));
      case AGENT_VERSION:
        return compareVersions(actual, expected);
      case RUNNING_TASKS_COUNT:
        return Long.compare(Long.parseLong(actual), Long.parseLong(expected));
      default:
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> b = number(expected);
        if (a.isPresent() && b.isPresent()) {
          return a.get().compareTo(b.get());
        }
        return actual.compareTo(expected);
    }
  }

  static int compareVersions(String a, String b) {
    String[] left = a.split("[.\\-+]");
    String[] right = b.split("[.\\-+]");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      String l = i < left.length ? left[i] : "0";
      String r = i < right.length ? right[i] : "0";
      int c = l.matches("\\d{1,18}") && r.matches("\\d{1,18}")
          ? Long.compare(Long.parseLong(l), Long.parseLong(r)) : l.compareTo(r);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static Optional<BigDecimal> number(String text) {
    if (text.isEmpty() || !text.matches("-?\\d+(\\.\\d+)?")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }

  static Optional<Instant> parseInstant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException notInstant) {
      try {
        return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Condition
        && ((Condition) other).subject.equals(subject)
        && ((Condition) other).operator == operator
        && ((Condition) other).values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subject, operator, values);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(subject.toString()).append(' ').append(operator.symbol());
    if (operator.arity() == Operator.Arity.ONE) {
      out.append(' ').append(quote(values.get(0)));
    } else if (operator.arity() == Operator.Arity.LIST) {
      out.append(" [");
      for (int i = 0; i < values.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
      }
      out.append(']');
    }
    return out.toString();
  }

  private static String quote(String value) {
    boolean bare = !value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || "[](),'\"".indexOf(c) >= 0);
    return bare ? value : (value.indexOf('\'') < 0 ? "'" + value + "'" : "\"" + value + "\"");
  }

  /** A value that does not suit the subject; the parser turns it into a positioned syntax error. */
  static final class BadValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int valueIndex;

    BadValueException(int valueIndex, String message) {
      super(message);
      this.valueIndex = valueIndex;
    }

    int valueIndex() {
      return valueIndex;
    }
  }
}
