package io.berth.engine.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.berth.engine.server.RuntimeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
    try (JsonParser json = new JsonFactory().createParser(file.toFile())) {
      return Optional.of(read(json));
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(file + " is unreadable (" + e.getMessage() + "); delete it and run berth up again",
          e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
  }

  /**
   * Reads the members with Jackson's streaming parser, not the object mapper {@link #write} uses:
   * {@code berth apply} reads this file on a cold JVM before deciding to send the apply to the
   * control plane, and the mapper alone would cost more than that whole exchange. Unknown members
   * are skipped, as the mapper would.
   */
  private static UpFile read(JsonParser json) throws IOException {
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String url = null;
    String joinToken = null;
    String adminToken = null;
    long pid = 0;
    String state = null;
    List<String> instanceIds = new ArrayList<>();
    String clusterId = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      JsonToken value = json.nextToken();
      switch (name) {
        case "url" -> url = json.getValueAsString();
        case "joinToken" -> joinToken = json.getValueAsString();
        case "adminToken" -> adminToken = json.getValueAsString();
        case "pid" -> pid = json.getValueAsLong();
        case "state" -> state = json.getValueAsString();
        case "clusterId" -> clusterId = json.getValueAsString();
        case "instanceIds" -> {
          if (value == JsonToken.START_ARRAY) {
            while (json.nextToken() != JsonToken.END_ARRAY) {
              instanceIds.add(json.getValueAsString());
            }
          }
        }
        default -> json.skipChildren();
      }
    }
    return new UpFile(url, joinToken, adminToken, pid, state, instanceIds, clusterId);
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
