package io.berth.engine.docker;

/**
 * Resolves a task's secret at container creation; the agent's implementation asks the control
 * plane, which checks the task's execution role. Values are only ever placed in the container's
 * environment, never logged or labelled.
 */
@FunctionalInterface
public interface SecretSource {
  /** No secrets available: any task that declares one fails to start, naming it. */
  SecretSource NONE = (taskId, valueFrom) -> {
    throw new IllegalStateException("no secret source configured, cannot resolve " + valueFrom);
  };

  /**
   * The value of the secret named by {@code valueFrom} ({@code secret/shop/db} or {@code shop/db}).
   *
   * @throws RuntimeException with a message naming the secret when it cannot be read
   */
  String value(String taskId, String valueFrom);
}
