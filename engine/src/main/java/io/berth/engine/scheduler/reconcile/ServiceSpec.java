package io.berth.engine.scheduler.reconcile;

import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.util.Objects;

/**
 * What a service should be: the applied {@link Service} and the task definition revision it names,
 * resolved by the control plane (e.g. {@code "web"} resolved to {@code web:3}).
 *
 * <pre>{@code new ServiceSpec(service, taskDefinition, "web:3")}</pre>
 */
public record ServiceSpec(Service service, TaskDefinition taskDefinition, String taskDefinitionArn) {
  /** Checks required members. */
  public ServiceSpec {
    Objects.requireNonNull(service, "service == null");
    Objects.requireNonNull(taskDefinition, "taskDefinition == null");
    Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn == null");
  }

  /** The service's name. */
  public String name() {
    return service.serviceName();
  }

  /** The task group of its tasks, {@code service:<name>}. */
  public String group() {
    return "service:" + service.serviceName();
  }

  /** The desired count (REPLICA); absent means 0. DAEMON services compute theirs from the instances. */
  public int desiredCount() {
    return service.desiredCount().orElse(0);
  }

  /** Whether this is a DAEMON service. */
  public boolean isDaemon() {
    return service.schedulingStrategy() == SchedulingStrategy.DAEMON;
  }
}
