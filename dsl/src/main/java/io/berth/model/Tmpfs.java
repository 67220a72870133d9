package io.berth.model;

import java.util.List;

/** A tmpfs mount of a container (size in MiB). */
public record Tmpfs(
    String containerPath,
    Integer size,
    List<String> mountOptions) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Tmpfs {
    Defaults.required(containerPath, "containerPath");
    Defaults.required(size, "size");
    mountOptions = Defaults.list(mountOptions);
  }
}
