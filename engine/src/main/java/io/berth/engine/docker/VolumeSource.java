package io.berth.engine.docker;

import io.berth.model.DockerVolumeConfiguration;
import io.berth.model.Volume;
import io.berth.model.VolumeScope;
import java.util.Map;

/**
 * Where a task volume comes from on this host: a host path (bind mount), a Docker volume created
 * and removed with the task, or a shared Docker volume that outlives it. Pure.
 *
 * @param dockerSource the host path or Docker volume name to mount
 */
public record VolumeSource(Kind kind, String dockerSource, String driver, Map<String, String> driverOpts,
    Map<String, String> labels, boolean autoprovision) {

  /** The closed set of volume kinds. */
  public enum Kind { BIND, TASK, SHARED }

  /** Defensive copies. */
  public VolumeSource {
    driverOpts = Map.copyOf(driverOpts);
    labels = Map.copyOf(labels);
  }

  /** Resolves task volume {@code volume} of {@code spec}. */
  public static VolumeSource of(TaskSpec spec, Volume volume) {
    if (volume.efsVolumeConfiguration().isPresent()) {
      throw new TaskRuntimeException(spec.taskId(), "volume '" + volume.name() + "' is an EFS volume, which"
          + " a local Docker engine cannot mount; use a host sourcePath or a dockerVolumeConfiguration", null);
    }
    if (volume.host().flatMap(h -> h.sourcePath()).isPresent()) {
      return new VolumeSource(Kind.BIND, volume.host().get().sourcePath().get(), "local", Map.of(), Map.of(), false);
    }
    // ECS: a volume with neither a host path nor a Docker configuration is a Docker volume of the task.
    DockerVolumeConfiguration docker = volume.dockerVolumeConfiguration().orElse(
        new DockerVolumeConfiguration(null, null, null, null, null));
    boolean shared = docker.scope().orElse(VolumeScope.TASK) == VolumeScope.SHARED;
    return new VolumeSource(shared ? Kind.SHARED : Kind.TASK,
        shared ? volume.name() : spec.taskVolumeName(volume.name()),
        docker.driver().orElse("local"), docker.driverOpts(), docker.labels(),
        docker.autoprovision().orElse(false));
  }
}
