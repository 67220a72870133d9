package io.berth.engine.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.engine.api.AssignedTask;
import io.berth.json.BerthJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The agent's memory across restarts: its container instance id ({@code instance-id}), that
 * instance's credential ({@code instance-token}, mode 600) and the
 * assignment of every task it runs ({@code tasks/<taskId>.json}), so a restarted agent can adopt
 * its containers with their task definitions before the control plane answers. Writes are atomic
 * (write a temporary file, then rename) so a crash never leaves half a file.
 */
final class DataDir {
  private final Path root;

  DataDir(Path root) {
    this.root = root;
  }

  Optional<String> instanceId() {
    Path file = root.resolve("instance-id");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String id = read(file).strip();
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  void saveInstanceId(String id) {
    write(root.resolve("instance-id"), id + "\n");
  }

  /** The instance's credential, kept readable by the agent's user only ({@code instance-token}). */
  Optional<String> instanceToken() {
    Path file = root.resolve("instance-token");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String token = read(file).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  void saveInstanceToken(String token) {
    writePrivate(root.resolve("instance-token"), token + "\n");
  }

  /** Where the credential is kept, for the message that says how to join again. */
  Path instanceTokenFile() {
    return root.resolve("instance-token");
  }

  void saveTask(AssignedTask task) {
    try {
      write(taskFile(task.taskId()), BerthJson.mapper().writeValueAsString(task));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write task " + task.taskId() + " as JSON", e);
    }
  }

  Optional<AssignedTask> task(String taskId) {
    Path file = taskFile(taskId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(BerthJson.mapper().readValue(read(file), AssignedTask.class));
    } catch (IOException | RuntimeException e) {
      // An unreadable file is as good as none: the control plane's next answer carries the task again.
      return Optional.empty();
    }
  }

  /** Ids of the tasks with a saved assignment, sorted. */
  List<String> taskIds() {
    Path dir = root.resolve("tasks");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + "; check the data dir's permissions", e);
    }
  }

  void forgetTask(String taskId) {
    try {
      Files.deleteIfExists(taskFile(taskId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + taskFile(taskId) + "; check the data dir's permissions", e);
    }
  }

  private Path taskFile(String taskId) {
    return root.resolve("tasks").resolve(taskId + ".json");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + "; check the data dir's permissions", e);
    }
  }

  private static void write(Path file, String content) {
    write(file, content, false);
  }

  private static void writePrivate(Path file, String content) {
    write(file, content, true);
  }

  private static void write(Path file, String content, boolean ownerOnly) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temporary);
      Files.createFile(temporary);
      if (ownerOnly) {
        try {
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: its own permissions apply
        }
      }
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + "; check --data-dir is writable", e);
    }
  }
}
