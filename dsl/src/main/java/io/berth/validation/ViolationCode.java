package io.berth.validation;

import java.util.Optional;

/**
 * Every rule Berth checks, with its stable code (shown in brackets in compile errors and plan
 * output, e.g. {@code [BerthFargateMemory]}) and severity. The processor's diagnostics use the same
 * codes, so an id seen at compile time can be looked up here.
 */
public enum ViolationCode {
  /**
   * Names: stacks, clusters, roles, families, containers, volumes and services match
   * {@code ^[A-Za-z0-9_-]{1,255}$}; scaling policies 1-256 printable characters; scheduled actions
   * 1-256 characters without {@code : / |}, control characters or outer blanks.
   */
  NAME_PATTERN("BerthNamePattern", Severity.ERROR),
  /** Two things of the same kind with the same name in one scope (a stack cannot declare what it refers to as existing). */
  DUPLICATE_NAME("BerthDuplicateName", Severity.ERROR),
  /** A task definition has 1 to 10 containers. */
  CONTAINER_COUNT("BerthContainerCount", Severity.ERROR),
  /** At least one container of a task definition is essential (reported at the .essential(false) that left none). */
  ESSENTIAL_CONTAINER("BerthEssentialContainer", Severity.ERROR),
  /** Every container names an image. */
  IMAGE_REQUIRED("BerthImageRequired", Severity.ERROR),
  /**
   * An image reference is at most 255 characters of letters, digits and {@code - _ : . / #} before
   * any {@code @}, and a digest is {@code sha256:} and 64 hex digits.
   */
  IMAGE_REFERENCE("BerthImageReference", Severity.ERROR),
  /** Task cpu and memory use an accepted spelling ("256", "0.25 vCPU", "512", "1 GB"); EC2 task cpu is 128-196608. */
  TASK_SIZE("BerthTaskSize", Severity.ERROR),
  /** A FARGATE task's cpu/memory pair is one of the published combinations. */
  FARGATE_MEMORY("BerthFargateMemory", Severity.ERROR),
  /**
   * FARGATE needs awsvpc and task-level cpu and memory, and refuses what it does not run: host ports
   * other than the container port, links, privileged, docker security options, DNS and host entries,
   * disableNetworking, GPUs, ipcMode, pidMode host, placement constraints, devices, shared memory,
   * tmpfs, swap, capabilities other than SYS_PTRACE, Docker volumes, host source paths, log drivers
   * other than awslogs/splunk/awsfirelens, S3 FireLens configuration files; awslogs needs a stream
   * prefix; a FARGATE service is not a daemon and takes no placement strategy or constraint.
   */
  FARGATE_REQUIREMENTS("BerthFargateRequirements", Severity.ERROR),
  /** A container's cpu units are 0 or more. */
  CONTAINER_CPU("BerthContainerCpu", Severity.ERROR),
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
  /** A task definition's RegisterTaskDefinition JSON is at most 64 KiB (ECS's quota). */
  TASK_DEFINITION_SIZE("BerthTaskDefinitionSize", Severity.ERROR),
  /**
   * Port mappings follow the network mode's rules (bridge, host/awsvpc, none), ports are 1-65535,
   * a port is mapped once per container, ranges are low-high in bridge or awsvpc mode (at most 100),
   * and names are unique, lower case and at most 64 characters.
   */
  PORT_MAPPING("BerthPortMapping", Severity.ERROR),
  /** Host ports 22, 2375, 2376 and 51678-51680 are reserved on every instance (bridge and host modes). */
  RESERVED_PORT("BerthReservedPort", Severity.ERROR),
  /** What a network mode forbids: a hostname or extra hosts in awsvpc, network sysctls in host mode. */
  NETWORK_MODE("BerthNetworkMode", Severity.ERROR),
  /** DNS servers and extra host addresses are IP addresses; host names and search domains are DNS names. */
  DNS_SETTINGS("BerthDnsSettings", Severity.ERROR),
  /**
   * Environment variables have a name without {@code =} and a value of at most 32 KiB (Berth's
   * limit: ECS sets none per value); at most 10 environment files, each an S3 object ARN ending in
   * {@code .env}; secrets have a name and a valueFrom.
   */
  ENVIRONMENT("BerthEnvironment", Severity.ERROR),
  /** Container-side paths (mount points, tmpfs, devices, the working directory) and host source paths are absolute. */
  CONTAINER_PATH("BerthContainerPath", Severity.ERROR),
  /**
   * Linux parameters: capabilities from ECS's list, positive shared memory and tmpfs sizes, tmpfs
   * mount options from ECS's list, maxSwap 0 or more, swappiness 0-100.
   */
  LINUX_PARAMETERS("BerthLinuxParameters", Severity.ERROR),
  /** Namespaced kernel parameters: IPC ones (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*) or net.*, with a value; none of IPC's with ipcMode host. */
  SYSTEM_CONTROL("BerthSystemControl", Severity.ERROR),
  /** Docker security options are no-new-privileges, apparmor:PROFILE, label:value or credentialspec:PATH. */
  DOCKER_SECURITY_OPTION("BerthDockerSecurityOption", Severity.ERROR),
  /**
   * Log configuration: awslogs names its group and region, and not both a datetime format and a
   * multiline pattern; splunk names its URL and token; mode is blocking or non-blocking.
   */
  LOG_CONFIGURATION("BerthLogConfiguration", Severity.ERROR),
  /** dependsOn names another container of the same task. */
  DEPENDS_ON_TARGET("BerthDependsOnTarget", Severity.ERROR),
  /** HEALTHY needs a target with a health check; COMPLETE/SUCCESS may not target an essential container. */
  DEPENDS_ON_CONDITION("BerthDependsOnCondition", Severity.ERROR),
  /** dependsOn has no cycles (reported at the dependsOn that closes one). */
  DEPENDS_ON_CYCLE("BerthDependsOnCycle", Severity.ERROR),
  /** Links name another container of the task ({@code name} or {@code name:alias}) and need bridge mode. */
  LINK_TARGET("BerthLinkTarget", Severity.ERROR),
  /** Mount points name a task volume; volumesFrom names another container. */
  VOLUME_REFERENCE("BerthVolumeReference", Severity.ERROR),
  /**
   * A volume is one kind (host, Docker, EFS); autoprovision is for shared Docker volumes only; EFS
   * needs a file system id, its access points and IAM authorization need transit encryption, an
   * access point mounts the root directory, and the transit encryption port is 1-65535.
   */
  VOLUME_CONFIGURATION("BerthVolumeConfiguration", Severity.ERROR),
  /** A health check command starts with CMD or CMD-SHELL. */
  HEALTH_CHECK_COMMAND("BerthHealthCheckCommand", Severity.ERROR),
  /** Health check interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s. */
  HEALTH_CHECK_RANGE("BerthHealthCheckRange", Severity.ERROR),
  /** startTimeout and stopTimeout are between 1 and 120 s (ECS's bounds). */
  TIMEOUT_RANGE("BerthTimeoutRange", Severity.ERROR),
  /** A ulimit's limits are -1 (unlimited) or more, and its soft limit does not exceed its hard limit. */
  ULIMIT("BerthUlimit", Severity.ERROR),
  /** Task definition tags: at most 50, keys unique, 1-128 characters, values at most 256, no aws: prefix. */
  TAGS("BerthTags", Severity.ERROR),
  /** Ephemeral storage is 21-200 GiB. */
  EPHEMERAL_STORAGE("BerthEphemeralStorage", Severity.ERROR),
  /** ARM64 is for Linux only; Windows on FARGATE needs at least 1 vCPU. */
  RUNTIME_PLATFORM("BerthRuntimePlatform", Severity.ERROR),
  /**
   * memberOf constraints have an expression of at most 2000 characters in valid cluster query
   * language; distinctInstance has none.
   */
  MEMBER_OF_SYNTAX("BerthMemberOfSyntax", Severity.ERROR),
  /** At most 5 placement strategies and 10 constraints. */
  PLACEMENT_LIMITS("BerthPlacementLimits", Severity.ERROR),
  /** binpack on cpu or memory; spread on instanceId, host or attribute:name; random without a field. */
  PLACEMENT_STRATEGY("BerthPlacementStrategy", Severity.ERROR),
  /** minimumHealthyPercent 0-100, maximumPercent at least 100, and room to replace a task. */
  DEPLOYMENT_PERCENT("BerthDeploymentPercent", Severity.ERROR),
  /** A daemon service has no desiredCount, placement strategy or auto scaling, and maximumPercent 100. */
  DAEMON_RULES("BerthDaemonRules", Severity.ERROR),
  /** A desired count is zero or more, whether the service or auto scaling owns it. */
  DESIRED_COUNT("BerthDesiredCount", Severity.ERROR),
  /**
   * A service's cluster (declared or existing) and task definition, and a scaling target's service,
   * are known to the stack.
   */
  SERVICE_REFERENCE("BerthServiceReference", Severity.ERROR),
  /**
   * A service's launch type is one its task definition is compatible with; EXTERNAL runs neither
   * awsvpc task definitions nor load balancers.
   */
  LAUNCH_TYPE("BerthLaunchType", Severity.ERROR),
  /** A service has at most 5 load balancers, each targeting a container of the task definition on one of its container ports. */
  LOAD_BALANCER_TARGET("BerthLoadBalancerTarget", Severity.ERROR),
  /** A health check grace period is 0 s or more. */
  HEALTH_CHECK_GRACE_PERIOD("BerthHealthCheckGracePeriod", Severity.ERROR),
  /** Scaling min and max capacity: {@code 0 <= min <= max}, for the target and each scheduled action. */
  SCALING_RANGE("BerthScalingRange", Severity.ERROR),
  /** Schedules are at(yyyy-mm-ddThh:mm:ss), rate(n unit) or cron(6 fields), with a valid timezone. */
  SCHEDULE_SYNTAX("BerthScheduleSyntax", Severity.ERROR),
  /** Target tracking: a positive finite target below 2^360, non-negative cooldowns, request count only behind a load balancer. */
  TARGET_TRACKING("BerthTargetTracking", Severity.ERROR),
  /**
   * Step scaling: at least one step, steps without gaps or overlaps, at most one unbounded step at
   * each end and none unbounded at both, an unbounded end wherever a bound crosses the threshold,
   * ExactCapacity adjustments 0 or more, minAdjustmentMagnitude 1 or more and only with
   * PercentChangeInCapacity, a cooldown of 0 s or more.
   */
  STEP_SCALING("BerthStepScaling", Severity.ERROR),
  /**
   * Task, execution and instance roles are roles declared in the stack, Berth roles it refers to,
   * or IAM role ARNs ({@code arn:aws:iam::<account>:role/<path/name>}).
   */
  ROLE_REFERENCE("BerthRoleReference", Severity.ERROR),
  /**
   * A policy statement names at least one action ({@code service:Action}, wildcards allowed, or
   * {@code *}) and one resource ({@code *}, an ARN, or a Berth resource such as {@code secret/app/*}).
   */
  POLICY_STATEMENT("BerthPolicyStatement", Severity.ERROR),
  /** Declared cluster capacity: count at least 0, cpu and memory positive, and some host big enough for each service's task. */
  CAPACITY("BerthCapacity", Severity.ERROR),
  /**
   * A container logging with awsfirelens has a FireLens router in its task; a task has at most one
   * router, which does not log to itself; its options are enable-ecs-log-metadata true/false and a
   * config-file-type s3/file with a config-file-value.
   */
  FIRELENS("BerthFirelens", Severity.ERROR),
  /**
   * An App Mesh proxy configuration names a container of the task, needs network mode awsvpc, and
   * sets AppPorts, ProxyIngressPort, ProxyEgressPort and IgnoredUID or IgnoredGID (no other properties).
   */
  PROXY_CONFIGURATION("BerthProxyConfiguration", Severity.ERROR),
  /**
   * GPU requirements are a positive count or ALL; an InferenceAccelerator requirement names one of
   * the task's accelerators; NeuronDevice is ALL, in at most one container.
   */
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
  /**
   * A service discovery namespace is one or more DNS labels and its name one label (letters, digits and
   * {@code -}, 1-63 characters, no {@code -} first or last), {@code _name._tcp.namespace} at most 253
   * characters.
   */
  DISCOVERY_NAME("BerthDiscoveryName", Severity.ERROR),
  /** One service per discovery name and namespace in a cluster. */
  DISCOVERY_DUPLICATE("BerthDiscoveryDuplicate", Severity.ERROR),
  /**
   * A service has at most one service registry; its SRV container port is a TCP port mapping of a
   * container of the task definition; a task in network mode none has no address to register.
   */
  DISCOVERY_TARGET("BerthDiscoveryTarget", Severity.ERROR),
  /** Warning: an image without a tag, or tagged latest, changes under a running service. */
  IMAGE_TAG("BerthImageTag", Severity.WARNING),
  /** Warning: an essential container behind a load balancer has no health check. */
  LOAD_BALANCER_HEALTH_CHECK("BerthLoadBalancerHealthCheck", Severity.WARNING),
  /** Warning: a service without a deployment circuit breaker retries a broken deployment forever. */
  CIRCUIT_BREAKER("BerthCircuitBreaker", Severity.WARNING),
  /** Warning: a plain environment value whose name looks like a credential. */
  PLAIN_SECRET("BerthPlainSecret", Severity.WARNING),
  /** Warning: secrets are resolved with the execution role, and the task definition has none. */
  SECRETS_EXECUTION_ROLE("BerthSecretsExecutionRole", Severity.WARNING),
  /**
   * Warning: a setting ECS accepts but ignores in this combination (swappiness without maxSwap, a
   * health check grace period with no health check to apply it to, a timezone on a rate schedule).
   */
  IGNORED_SETTING("BerthIgnoredSetting", Severity.WARNING);

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
