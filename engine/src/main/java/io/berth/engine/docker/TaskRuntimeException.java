package io.berth.engine.docker;

import java.util.Optional;

/**
 * A task could not be run, observed or stopped. Names the task, and where it applies the container
 * and image, and says how to fix it, so the message alone is enough to act on.
 */
public class TaskRuntimeException extends RuntimeException {
  private final String taskId;
  private final Optional<String> container;
  private final Optional<String> image;

  /** A failure of the whole task (network, volume, order). */
  public TaskRuntimeException(String taskId, String message, Throwable cause) {
    this(taskId, null, null, message, cause);
  }

  /** A failure of one container of the task. */
  public TaskRuntimeException(String taskId, String container, String image, String message, Throwable cause) {
    super(describe(taskId, container, image, message, cause), cause);
    this.taskId = taskId;
    this.container = Optional.ofNullable(container);
    this.image = Optional.ofNullable(image);
  }

  private static String describe(String taskId, String container, String image, String message, Throwable cause) {
    StringBuilder text = new StringBuilder("task ").append(taskId);
    if (container != null) {
      text.append(", container '").append(container).append('\'');
    }
    if (image != null) {
      text.append(" (image ").append(image).append(')');
    }
    text.append(": ").append(message);
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage().strip())) {
      text.append(" [docker: ").append(cause.getMessage().strip()).append(']');
    }
    return text.toString();
  }

  /** The task that failed. */
  public String taskId() {
    return taskId;
  }

  /** The container that failed, if the failure is a container's. */
  public Optional<String> container() {
    return container;
  }

  /** The image of the container that failed, if known. */
  public Optional<String> image() {
    return image;
  }
}
