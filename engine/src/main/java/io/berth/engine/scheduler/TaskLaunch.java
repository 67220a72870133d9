package io.berth.engine.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * A task the control plane should start: record it as PENDING on {@code instanceId} (see {@link
 * Task#pending}) and hand it to that instance's agent with these host ports.
 *
 * @param taskId unique within the cluster, chosen by the scheduler ({@code <service>-<n>})
 * @param group {@code service:<name>}
 * @param taskDefinitionArn {@code family:revision} of the deployment's task definition
 */
public record TaskLaunch(
    String taskId,
    String group,
    String deploymentId,
    String taskDefinitionArn,
    String instanceId,
    List<PortBinding> ports,
    int cpu,
    int memory) {

  /** Checks required members and copies the ports. */
  public TaskLaunch {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(group, "group == null");
    Objects.requireNonNull(deploymentId, "deploymentId == null");
    Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn == null");
    Objects.requireNonNull(instanceId, "instanceId == null");
    ports = List.copyOf(ports);
  }
}
