package io.berth.engine.local;

import com.fasterxml.jackson.core.JacksonException;
import io.berth.engine.server.RuntimeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * What {@code berth up} writes to {@code .berth/up.json} so that {@code ps}, {@code apply --wait},
 * {@code down} and friends find the local cluster: its URL, tokens, process id, state repository
 * the instance ids of its agents, and the cluster id its containers are labelled with
 * ({@code berth.up=<clusterId>}: what {@code down} removes).
 */
public record UpFile(String url, String joinToken, String adminToken, long pid, String state, List<String> instanceIds,
    String clusterId) {

  /** Copies the list. */
  public UpFile {
    instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
  }

  /** {@code .berth/up.json} under {@code directory}. */
  public static Path path(Path directory) {
    return directory.resolve(".berth").resolve("up.json");
  }

  /** Reads the file in {@code directory}, if a local cluster wrote one. */
  public static Optional<UpFile> read(Path directory) {
    Path file = path(directory);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RuntimeJson.mapper().readValue(file.toFile(), UpFile.class));
    } catch (IOException e) {
      String why = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
      throw new UncheckedIOException(file + " is unreadable (" + why + "); delete it and run berth up again", e);
    }
  }

  /**
   * Whether the berth up that wrote this file in {@code directory} still runs (a crashed one leaves
   * its file behind): it holds {@link UpLock} for as long as it runs.
   */
  public boolean alive(Path directory) {
    return UpLock.held(directory);
  }

  /** Writes atomically, readable by the owner only (it holds the tokens). */
  public void write(Path directory) {
    Path file = path(directory);
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "up", ".json");
      RuntimeJson.mapper().writeValue(temp.toFile(), this);
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the default permissions have to do.
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
