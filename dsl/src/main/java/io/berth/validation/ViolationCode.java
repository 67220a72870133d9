package io.berth.validation;

import java.util.Optional;

/**
 * Every rule Berth checks, with its stable code (shown in brackets in compile errors and plan
 * output, e.g. {@code [BerthFargateMemory]}) and severity. The processor's diagnostics use the same
 * codes, so an id seen at compile time can be looked up here.
 */
public enum ViolationCode {
  /** Names of stacks, clusters, roles, families, containers, volumes and services: {@code ^[A-Za-z0-9_-]{1,255}$}. */
  NAME_PATTERN("BerthNamePattern", Severity.ERROR),
  /** Two things of the same kind with the same name in one scope. */
  DUPLICATE_NAME("BerthDuplicateName", Severity.ERROR),
  /** A task definition has 1 to 10 containers. */
  CONTAINER_COUNT("BerthContainerCount", Severity.ERROR),
  /** At least one container of a task definition is essential. */
  ESSENTIAL_CONTAINER("BerthEssentialContainer", Severity.ERROR),
  /** Every container names an image. */
  IMAGE_REQUIRED("BerthImageRequired", Severity.ERROR),
  /** Task cpu and memory use an accepted spelling ("256", "0.25 vCPU", "512", "1 GB") and EC2's range (cpu 128-10240). */
  TASK_SIZE("BerthTaskSize", Severity.ERROR),
  /** A FARGATE task's cpu/memory pair is one of the published combinations. */
  FARGATE_MEMORY("BerthFargateMemory", Severity.ERROR),
  /** FARGATE needs awsvpc, task-level cpu and memory, and no host port other than the container port. */
  FARGATE_REQUIREMENTS("BerthFargateRequirements", Severity.ERROR),
  /** When both are set, memory (hard limit) is greater than memoryReservation (soft limit). */
  MEMORY_RESERVATION("BerthMemoryReservation", Severity.ERROR),
  /** Without task memory every container needs memory or memoryReservation. */
  CONTAINER_MEMORY_REQUIRED("BerthContainerMemoryRequired", Severity.ERROR),
  /** A container's memory and memoryReservation are at least 6 MiB. */
  CONTAINER_MEMORY_MINIMUM("BerthContainerMemoryMinimum", Severity.ERROR),
  /** The containers' memory does not add up to more than the task memory. */
  TASK_MEMORY_SUM("BerthTaskMemorySum", Severity.ERROR),
  /** The containers' cpu does not add up to more than the task cpu. */
  TASK_CPU_SUM("BerthTaskCpuSum", Severity.ERROR),
  /** Port mappings follow the network mode's rules (bridge, host/awsvpc, none) and are unique, and so are their names. */
  PORT_MAPPING("BerthPortMapping", Severity.ERROR),
  /** Host ports 22, 2375, 2376, 51678 and 51679 are reserved on every instance. */
  RESERVED_PORT("BerthReservedPort", Severity.ERROR),
  /** dependsOn names another container of the same task. */
  DEPENDS_ON_TARGET("BerthDependsOnTarget", Severity.ERROR),
  /** HEALTHY needs a target with a health check; COMPLETE/SUCCESS may not target an essential container. */
  DEPENDS_ON_CONDITION("BerthDependsOnCondition", Severity.ERROR),
  /** dependsOn has no cycles. */
  DEPENDS_ON_CYCLE("BerthDependsOnCycle", Severity.ERROR),
  /** Links name another container of the task and need bridge mode. */
  LINK_TARGET("BerthLinkTarget", Severity.ERROR),
  /** Mount points name a task volume; volumesFrom names another container. */
  VOLUME_REFERENCE("BerthVolumeReference", Severity.ERROR),
  /**
   * A volume is one kind (host, Docker, EFS); autoprovision is for shared Docker volumes only; EFS access points and
   * IAM authorization need transit encryption, and an access point mounts the root directory.
   */
  VOLUME_CONFIGURATION("BerthVolumeConfiguration", Severity.ERROR),
  /** A health check command starts with CMD or CMD-SHELL. */
  HEALTH_CHECK_COMMAND("BerthHealthCheckCommand", Severity.ERROR),
  /** Health check interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s. */
  HEALTH_CHECK_RANGE("BerthHealthCheckRange", Severity.ERROR),
  /** startTimeout and stopTimeout are between 1 and 120 s (ECS's bounds). */
  TIMEOUT_RANGE("BerthTimeoutRange", Severity.ERROR),
  /** A ulimit's soft limit does not exceed its hard limit. */
  ULIMIT("BerthUlimit", Severity.ERROR),
  /** memberOf constraints have an expression in valid cluster query language; distinctInstance has none. */
  MEMBER_OF_SYNTAX("BerthMemberOfSyntax", Severity.ERROR),
  /** At most 5 placement strategies and 10 constraints. */
  PLACEMENT_LIMITS("BerthPlacementLimits", Severity.ERROR),
  /** binpack on cpu or memory; spread on instanceId, host or attribute:name; random without a field. */
  PLACEMENT_STRATEGY("BerthPlacementStrategy", Severity.ERROR),
  /** minimumHealthyPercent 0-100, maximumPercent at least 100, and room to replace a task. */
  DEPLOYMENT_PERCENT("BerthDeploymentPercent", Severity.ERROR),
  /** A daemon service has no desiredCount, placement strategy or auto scaling, and maximumPercent 100. */
  DAEMON_RULES("BerthDaemonRules", Severity.ERROR),
  /** A desired count is zero or more. */
  DESIRED_COUNT("BerthDesiredCount", Severity.ERROR),
  /** A service's cluster and task definition, and a scaling target's service, are declared in the stack. */
  SERVICE_REFERENCE("BerthServiceReference", Severity.ERROR),
  /** A service's launch type is one its task definition is compatible with. */
  LAUNCH_TYPE("BerthLaunchType", Severity.ERROR),
  /** A load balancer targets a container of the task definition on one of its container ports. */
  LOAD_BALANCER_TARGET("BerthLoadBalancerTarget", Severity.ERROR),
  /** A health check grace period is only meaningful behind a load balancer. */
  HEALTH_CHECK_GRACE_PERIOD("BerthHealthCheckGracePeriod", Severity.ERROR),
  /** Scaling min and max capacity: 0 <= min <= max, for the target and each scheduled action. */
  SCALING_RANGE("BerthScalingRange", Severity.ERROR),
  /** Schedules are at(yyyy-mm-ddThh:mm:ss), rate(n unit) or cron(6 fields), with a valid timezone. */
  SCHEDULE_SYNTAX("BerthScheduleSyntax", Severity.ERROR),
  /** Target tracking: a positive target, non-negative cooldowns, request count only behind a load balancer. */
  TARGET_TRACKING("BerthTargetTracking", Severity.ERROR),
  /** Step scaling: steps without gaps or overlaps, sensible adjustments. */
  STEP_SCALING("BerthStepScaling", Severity.ERROR),
  /** Task, execution and instance roles are roles declared in the stack. */
  ROLE_REFERENCE("BerthRoleReference", Severity.ERROR),
  /** A policy statement names at least one action and one resource. */
  POLICY_STATEMENT("BerthPolicyStatement", Severity.ERROR),
  /** Declared cluster capacity: count at least 0, cpu and memory positive, and some host big enough for each service's task. */
  CAPACITY("BerthCapacity", Severity.ERROR),
  /** A container logging with awsfirelens has a FireLens router in its task; a task has at most one router, which does not log to itself. */
  FIRELENS("BerthFirelens", Severity.ERROR),
  /** An App Mesh proxy configuration names a container of the task and needs network mode awsvpc. */
  PROXY_CONFIGURATION("BerthProxyConfiguration", Severity.ERROR),
  /** GPU requirements are a positive count; an InferenceAccelerator requirement names one of the task's accelerators. */
  RESOURCE_REQUIREMENT("BerthResourceRequirement", Severity.ERROR),
  /** A restart policy's restartAttemptPeriod is 60-1800 s and it ignores at most 50 exit codes. */
  RESTART_POLICY("BerthRestartPolicy", Severity.ERROR),
  /** A container has at most one credential spec, spelled credentialspec:ARN or credentialspecdomainless:ARN. */
  CREDENTIAL_SPEC("BerthCredentialSpec", Severity.ERROR),
  /** A load balancer's health check: path starting with '/', matcher codes 200-499, ELB's ranges for timings and thresholds. */
  TARGET_HEALTH_CHECK("BerthTargetHealthCheck", Severity.ERROR),
  /** A load balancer's deregistration delay is 0-3600 s. */
  DEREGISTRATION_DELAY("BerthDeregistrationDelay", Severity.ERROR),
  /** Two load balancers of a stack never share a listener port. */
  LISTENER_PORT("BerthListenerPort", Severity.ERROR),
  /** A load balancer forwards TCP: its target port mapping is not UDP. */
  LOAD_BALANCER_PROTOCOL("BerthLoadBalancerProtocol", Severity.ERROR),
  /** Warning: an image without a tag, or tagged latest, changes under a running service. */
  IMAGE_TAG("BerthImageTag", Severity.WARNING),
  /** Warning: an essential container behind a load balancer has no health check. */
  LOAD_BALANCER_HEALTH_CHECK("BerthLoadBalancerHealthCheck", Severity.WARNING),
  /** Warning: a service without a deployment circuit breaker retries a broken deployment forever. */
  CIRCUIT_BREAKER("BerthCircuitBreaker", Severity.WARNING),
  /** Warning: a plain environment value whose name looks like a credential. */
  PLAIN_SECRET("BerthPlainSecret", Severity.WARNING),
  /** Warning: secrets are resolved with the execution role, and the task definition has none. */
  SECRETS_EXECUTION_ROLE("BerthSecretsExecutionRole", Severity.WARNING);

  private final String code;
  private final Severity severity;

  ViolationCode(String code, Severity severity) {
    this.code = code;
    this.severity = severity;
  }

  /** The stable code, e.g. {@code BerthFargateMemory}. */
  public String code() {
    return code;
  }

  /** Whether a violation of this rule fails the build ({@code ERROR}) or is only shown ({@code WARNING}). */
  public Severity severity() {
    return severity;
  }

  /** The rule with this code, e.g. {@code BerthFargateMemory}. */
  public static Optional<ViolationCode> ofCode(String code) {
    for (ViolationCode value : values()) {
      if (value.code.equals(code)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
