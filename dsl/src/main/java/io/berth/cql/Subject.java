package io.berth.cql;

import java.util.Objects;
import java.util.Optional;

/**
 * The left-hand side of a condition: an attribute, the task groups on the instance, or one of the
 * instance's built-in properties.
 */
public record Subject(Kind kind, Optional<String> attributeName) {

  /** The subjects the language knows. */
  public enum Kind {
    /** {@code attribute:<name>}. */
    ATTRIBUTE,
    /** {@code task:group}: matches when any task on the instance is in the group. */
    TASK_GROUP,
    /** {@code ec2InstanceId}, or Berth's alias {@code instanceId}. */
    INSTANCE_ID,
    /** {@code agentConnected}: true or false. */
    AGENT_CONNECTED,
    /** {@code agentVersion}: dotted version, ordered numerically. */
    AGENT_VERSION,
    /** {@code registeredAt}: ISO date or date-time, ordered in time. */
    REGISTERED_AT,
    /** {@code runningTasksCount}: an integer. */
    RUNNING_TASKS_COUNT
  }

  /** Requires the attribute name exactly for {@link Kind#ATTRIBUTE}. */
  public Subject {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(attributeName, "attributeName == null");
    if ((kind == Kind.ATTRIBUTE) != attributeName.isPresent()) {
      throw new IllegalArgumentException("an attribute name is required for, and only for, attribute subjects");
    }
  }

  /** The subject {@code attribute:<name>}. */
  public static Subject attribute(String name) {
    return new Subject(Kind.ATTRIBUTE, Optional.of(name));
  }

  /** A subject without a name, e.g. {@code Subject.of(Kind.TASK_GROUP)}. */
  public static Subject of(Kind kind) {
    return new Subject(kind, Optional.empty());
  }

  @Override
  public String toString() {
    switch (kind) {
      case ATTRIBUTE: return "attribute:" + attributeName.orElseThrow();
      case TASK_GROUP: return "task:group";
      case INSTANCE_ID: return "ec2InstanceId";
      case AGENT_CONNECTED: return "agentConnected";
      case AGENT_VERSION: return "agentVersion";
      case REGISTERED_AT: return "registeredAt";
      default: return "runningTasksCount";
    }
  }
}
