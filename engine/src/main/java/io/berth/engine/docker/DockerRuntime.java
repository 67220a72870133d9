package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import io.berth.model.ContainerDefinition;
import io.berth.model.NetworkMode;
import io.berth.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The Docker mechanics of running tasks: networks, volumes, containers, inspection and removal,
 * each call wrapped so a failure names the task, container and image. Idempotent where a restarted
 * agent needs it: creating what already exists returns the existing object, stopping what already
 * stopped succeeds. Holds no task state; {@link TaskRun} drives the lifecycle, and
 * {@link ContainerInspection} reads Docker's inspect answers in ECS terms.
 */
public final class DockerRuntime {
  private final DockerClient docker;
  private final TaskCgroups cgroups;

  /** A runtime on {@code docker}; the caller keeps ownership of the client. */
  public DockerRuntime(DockerClient docker) {
    this.docker = docker;
    this.cgroups = new TaskCgroups(docker, TaskCgroups.ROOT);
  }

  /** How this host enforces task-level cpu and memory (probed once, on first use). */
  public TaskCgroups taskCgroups() {
    return cgroups;
  }

  /** The client, for callers that need plain Docker access (tests, logs). */
  public DockerClient client() {
    return docker;
  }

  /** Makes sure the image is on this engine, pulling it once if it is not. */
  public void ensureImage(TaskSpec spec, String container, String image) {
    ensureImage(spec, container, image, Optional.empty());
  }

  /**
   * Makes sure the image is on this engine, pulling it once if it is not, with {@code credentials}
   * when the container has registry credentials. An image already on the engine is not pulled again.
   */
  public void ensureImage(TaskSpec spec, String container, String image, Optional<RegistryCredentials> credentials) {
    try {
      Retry.transientFailures(() -> docker.inspectImageCmd(image).exec());
    } catch (NotFoundException missing) {
      try {
        PullImageCmd pull = docker.pullImageCmd(image);
        credentials.ifPresent(c -> pull.withAuthConfig(new AuthConfig().withUsername(c.username())
            .withPassword(c.password()).withRegistryAddress(RegistryCredentials.registryOf(image))));
        pull.start().awaitCompletion(2, TimeUnit.MINUTES);
        docker.inspectImageCmd(image).exec();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TaskRuntimeException(spec.taskId(), container, image, "interrupted while pulling", e);
      } catch (RuntimeException e) {
        throw new TaskRuntimeException(spec.taskId(), container, image, ImagePulls.failure(image, credentials, e), e);
      }
    }
  }

  /** Creates the task's own network (awsvpc mode), or finds the one a previous agent run created. */
  public void ensureNetwork(TaskSpec spec) {
    if (spec.taskDefinition().effectiveNetworkMode() != NetworkMode.AWSVPC) {
      return;
    }
    String name = spec.networkName();
    try {
      if (!docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name))) {
        Retry.transientFailures(() -> docker.createNetworkCmd().withName(name).withDriver("bridge")
            .withCheckDuplicate(true).withLabels(spec.labels()).exec());
      }
    } catch (DockerException e) {
      throw new TaskRuntimeException(spec.taskId(), "cannot create the task network " + name
          + "; check `docker network ls` for address pool exhaustion", e);
    }
  }

  /** Creates the task's Docker volumes: task-scoped ones always, shared ones when autoprovisioned. */
  public void ensureVolumes(TaskSpec spec) {
    for (Volume volume : spec.taskDefinition().volumes()) {
      VolumeSource source = VolumeSource.of(spec, volume);
      if (source.kind() == VolumeSource.Kind.BIND) {
        continue;
      }
      boolean exists = volumeExists(source.dockerSource());
      if (exists) {
        continue;
      }
      if (source.kind() == VolumeSource.Kind.SHARED && !source.autoprovision()) {
        throw new TaskRuntimeException(spec.taskId(), "shared volume '" + source.dockerSource() + "' does not"
            + " exist; create it (docker volume create " + source.dockerSource() + ") or set autoprovision", null);
      }
      Map<String, String> labels = new TreeMap<>(source.labels());
      if (source.kind() == VolumeSource.Kind.TASK) {
        labels.putAll(spec.labels());
      } else {
        spec.extraLabels().forEach(labels::put);
        labels.put(BerthLabels.CLUSTER, spec.cluster());
      }
      labels.put(BerthLabels.VOLUME_SCOPE, source.kind() == VolumeSource.Kind.TASK ? "task" : "shared");
      try {
        Retry.transientFailures(() -> docker.createVolumeCmd().withName(source.dockerSource())
            .withDriver(source.driver()).withDriverOpts(source.driverOpts()).withLabels(labels).exec());
      } catch (DockerException e) {
        throw new TaskRuntimeException(spec.taskId(), "cannot create volume '" + volume.name() + "' ("
            + source.dockerSource() + "); check the driver and its options", e);
      }
    }
  }

  private boolean volumeExists(String name) {
    try {
      docker.inspectVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * What {@link #create(TaskSpec, ContainerBlueprint, boolean)} did.
   *
   * @param dockerId the container's Docker id
   * @param created true if this call created it (it is in Docker's "created" state, never started);
   *     false if a container of that name already existed, in whatever state
   */
  public record Creation(String dockerId, boolean created) {}

  /** Creates the container, or returns the id of the one this task already has under that name. */
  public String create(TaskSpec spec, ContainerBlueprint blueprint) {
    return create(spec, blueprint, true).dockerId();
  }

  /**
   * Creates the container, or finds the one this task already has under that name.
   *
   * @param lookFirst inspect the name before creating (an adoption, where the container most likely
   *     exists); false for a fresh launch, which creates at once and looks the name up only when
   *     Docker answers 409 Conflict: one Docker call instead of three when the daemon is busiest
   */
  public Creation create(TaskSpec spec, ContainerBlueprint blueprint, boolean lookFirst) {
    return create(spec, blueprint, lookFirst, Optional.empty());
  }

  /** As {@link #create(TaskSpec, ContainerBlueprint, boolean)}, pulling a missing image with {@code credentials}. */
  public Creation create(TaskSpec spec, ContainerBlueprint blueprint, boolean lookFirst,
      Optional<RegistryCredentials> credentials) {
    if (lookFirst) {
      Optional<String> existing = existingContainer(spec, blueprint);
      if (existing.isPresent()) {
        return new Creation(existing.get(), false);
      }
    }
    try {
      return new Creation(createContainer(blueprint), true);
    } catch (NotFoundException noImage) {
      // The image is not on this engine (create answers 404 "No such image"): pull it, then create.
      ensureImage(spec, blueprint.container(), blueprint.image(), credentials);
      try {
        return new Creation(createContainer(blueprint), true);
      } catch (ConflictException raced) {
        return new Creation(existingContainer(spec, blueprint).orElseThrow(() -> raced), false);
      } catch (DockerException e) {
        throw cannotCreate(spec, blueprint, e);
      }
    } catch (ConflictException exists) {
      return new Creation(existingContainer(spec, blueprint).orElseThrow(() -> exists), false);
    } catch (DockerException e) {
      throw cannotCreate(spec, blueprint, e);
    }
  }

  private static TaskRuntimeException cannotCreate(TaskSpec spec, ContainerBlueprint blueprint, DockerException e) {
    return new TaskRuntimeException(spec.taskId(), blueprint.container(), blueprint.image(),
        "CannotCreateContainerError: Docker refused the container; check the task definition's settings"
            + " for this container", e);
  }

  private String createContainer(ContainerBlueprint blueprint) {
    try (CreateContainerCmd cmd = createCommand(blueprint)) {
      return Retry.transientFailures(() -> cmd.exec().getId());
    }
  }

  /** The create command of {@code blueprint}, not sent yet. */
  private CreateContainerCmd createCommand(ContainerBlueprint blueprint) {
    CreateContainerCmd cmd = docker.createContainerCmd(blueprint.image());
    cmd.withName(blueprint.dockerName())
        .withEnv(blueprint.environment())
        .withLabels(blueprint.labels())
        .withHostConfig(blueprint.hostConfig())
        .withStopTimeout(blueprint.stopTimeoutSeconds())
        .withTty(blueprint.pseudoTerminal())
        .withStdinOpen(blueprint.interactive());
    if (!blueprint.entryPoint().isEmpty()) {
      cmd.withEntrypoint(blueprint.entryPoint());
    }
    if (!blueprint.command().isEmpty()) {
      cmd.withCmd(blueprint.command());
    }
    if (!blueprint.exposedPorts().isEmpty()) {
      cmd.withExposedPorts(blueprint.exposedPorts());
    }
    if (!blueprint.networkAliases().isEmpty()) {
      cmd.withAliases(blueprint.networkAliases());
    }
    if (blueprint.networkDisabled()) {
      cmd.withNetworkDisabled(true);
    }
    blueprint.user().ifPresent(cmd::withUser);
    blueprint.workingDirectory().ifPresent(cmd::withWorkingDir);
    blueprint.hostname().ifPresent(cmd::withHostName);
    blueprint.healthCheck().ifPresent(cmd::withHealthcheck);
    return cmd;
  }

  /**
   * The container this task already has under the blueprint's name. A container of that name that
   * carries another instance's or task's labels is not adopted (that would run someone else's
   * container as this task): the task fails with the name to free.
   */
  private Optional<String> existingContainer(TaskSpec spec, ContainerBlueprint blueprint) {
    InspectContainerResponse found;
    try {
      found = docker.inspectContainerCmd(blueprint.dockerName()).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    Map<String, String> labels = found.getConfig() == null || found.getConfig().getLabels() == null ? Map.of()
        : found.getConfig().getLabels();
    if (!spec.instanceId().equals(labels.get(BerthLabels.INSTANCE)) || !spec.taskId().equals(labels.get(BerthLabels.TASK))) {
      throw new TaskRuntimeException(spec.taskId(), blueprint.container(), blueprint.image(),
          "CannotCreateContainerError: the Docker name " + blueprint.dockerName() + " is taken by a container that"
              + " is not this task's (" + BerthLabels.INSTANCE + "=" + labels.get(BerthLabels.INSTANCE) + ", "
              + BerthLabels.TASK + "=" + labels.get(BerthLabels.TASK) + "); remove or rename that container", null);
    }
    return Optional.of(found.getId());
  }

  /** Starts a created container; starting a running one is not an error. */
  public void start(TaskSpec spec, ContainerDefinition container, String dockerId) {
    try {
      Retry.transientFailures(() -> docker.startContainerCmd(dockerId).exec());
    } catch (NotModifiedException alreadyRunning) {
      // A restarted agent may start what its previous run already started.
    } catch (DockerException e) {
      throw new TaskRuntimeException(spec.taskId(), container.name(), container.image().orElse(null),
          "CannotStartContainerError: Docker could not start the container; for a port conflict choose another"
              + " hostPort or 0 for a dynamic one", e);
    }
    cgroups.verify(spec, container.name(), dockerId);
  }

  /** Sends SIGTERM, then SIGKILL after {@code timeoutSeconds}; a stopped or removed container is fine. */
  public void stop(TaskSpec spec, String container, String dockerId, int timeoutSeconds) {
    try {
      Retry.transientFailures(() -> docker.stopContainerCmd(dockerId).withTimeout(timeoutSeconds).exec());
    } catch (NotModifiedException | NotFoundException alreadyStopped) {
      // Nothing to do: the goal is a stopped container.
    } catch (DockerException e) {
      throw new TaskRuntimeException(spec.taskId(), container, null, "cannot stop the container", e);
    }
  }

  /** What Docker says about the container now, in ECS terms; a removed container counts as stopped. */
  public ContainerObservation observe(TaskSpec spec, ContainerDefinition container, String dockerId) {
    InspectContainerResponse inspect;
    try {
      inspect = Retry.transientFailures(() -> docker.inspectContainerCmd(dockerId).exec());
    } catch (NotFoundException removed) {
      return ContainerInspection.removed(container, dockerId);
    }
    return ContainerInspection.read(spec, container, inspect);
  }

  /** Removes the task's containers, its network and its task-scoped volumes; shared volumes stay. */
  public void remove(TaskSpec spec) {
    for (Container container : containersOfTask(spec.instanceId(), spec.taskId())) {
      try {
        Retry.transientFailures(() -> docker.removeContainerCmd(container.getId()).withForce(true)
            .withRemoveVolumes(true).exec());
      } catch (NotFoundException gone) {
        // Already removed.
      } catch (DockerException e) {
        throw new TaskRuntimeException(spec.taskId(), container.getLabels().get(BerthLabels.CONTAINER),
            container.getImage(), "cannot remove the container", e);
      }
    }
    if (spec.taskDefinition().effectiveNetworkMode() == NetworkMode.AWSVPC) {
      try {
        Retry.transientFailures(() -> docker.removeNetworkCmd(spec.networkName()).exec());
      } catch (NotFoundException gone) {
        // Already removed.
      } catch (DockerException e) {
        throw new TaskRuntimeException(spec.taskId(), "cannot remove the task network " + spec.networkName(), e);
      }
    }
    cgroups.remove(spec.taskId(), spec.instanceId());
    for (Volume volume : spec.taskDefinition().volumes()) {
      if (volume.efsVolumeConfiguration().isPresent()) {
        continue;
      }
      VolumeSource source = VolumeSource.of(spec, volume);
      if (source.kind() == VolumeSource.Kind.TASK) {
        try {
          Retry.transientFailures(() -> docker.removeVolumeCmd(source.dockerSource()).exec());
        } catch (NotFoundException gone) {
          // Already removed.
        } catch (DockerException e) {
          throw new TaskRuntimeException(spec.taskId(), "cannot remove task volume " + source.dockerSource(), e);
        }
      }
    }
  }

  /**
   * Removes what is left of a task this agent has no definition for (its data dir lost it): the
   * containers, the task network and the task-scoped volumes, all found by label or name.
   */
  public void removeOrphan(String instanceId, String taskId) {
    for (Container container : containersOfTask(instanceId, taskId)) {
      try {
        docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException gone) {
        // Already removed.
      }
    }
    cgroups.remove(taskId, instanceId);
    String network = TaskSpec.networkName(instanceId, taskId);
    docker.listNetworksCmd().withNameFilter(network).exec().stream()
        .filter(n -> n.getName().equals(network)).forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
        .withFilter("label", List.of(BerthLabels.TASK + "=" + taskId, BerthLabels.INSTANCE + "=" + instanceId))
        .exec().getVolumes();
    if (volumes != null) {
      volumes.forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
    }
  }

  /** The containers (running or not) of one task of one agent. */
  public List<Container> containersOfTask(String instanceId, String taskId) {
    return Retry.transientFailures(() -> docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(BerthLabels.INSTANCE, instanceId, BerthLabels.TASK, taskId)).exec());
  }

  /** Every container (running or not) of agent {@code instanceId}, grouped by task id, sorted. */
  public Map<String, List<Container>> containersOfInstance(String instanceId) {
    Map<String, List<Container>> byTask = new TreeMap<>();
    List<Container> containers = Retry.transientFailures(() -> docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(BerthLabels.INSTANCE, instanceId)).exec());
    for (Container container : containers) {
      String task = container.getLabels().get(BerthLabels.TASK);
      if (task != null) {
        byTask.computeIfAbsent(task, t -> new ArrayList<>()).add(container);
      }
    }
    return byTask;
  }
}
