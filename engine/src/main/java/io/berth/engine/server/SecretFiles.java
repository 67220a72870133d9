package io.berth.engine.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Files holding secrets (keys, tokens): written readable by their owner only, replaced atomically,
 * read back stripped.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /** Writes {@code content} to {@code file} with mode 600, through a temporary file moved into place. */
  public static void write(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its own permissions apply
      }
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The file's first line, stripped; empty when the file does not exist or that line is blank. */
  public static Optional<String> firstLine(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().map(String::strip)
        .filter(s -> !s.isEmpty());
  }
}
