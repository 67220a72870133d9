package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds a tiny image locally, with no registry: {@code FROM scratch}, the host's static busybox
 * ({@code /bin/busybox} from Debian's busybox-static), applet symlinks, a few files and a CMD. The
 * build context is generated in memory, so the same builder gives the same image anywhere.
 *
 * <pre>{@code
 * BusyboxImage.named("berth-test/busybox:1").buildIfAbsent(docker);
 * BusyboxImage.webapp("berth-examples/webapp-httpd:1", "hello").buildIfAbsent(docker);
 * }</pre>
 */
public final class BusyboxImage {
  /** Label on every image built here, so tests and {@code berth down} can find them. */
  public static final String IMAGE_LABEL = "berth.image";
  /** Label holding a digest of what the image was built from: a tag built from other content is rebuilt. */
  public static final String CONTENT_LABEL = "berth.image.content";
  /** Applets linked into {@code /bin}: enough for shells, HTTP, health checks and tests. */
  public static final List<String> APPLETS = List.of("cat", "date", "echo", "env", "false", "grep", "hostname",
      "httpd", "id", "kill", "ls", "mkdir", "nc", "printf", "ps", "pwd", "sh", "sleep", "test", "touch", "true",
      "wget");

  private final String tag;
  private final Map<String, byte[]> files = new TreeMap<>();
  private final Map<String, String> labels = new TreeMap<>();
  private List<String> cmd = List.of("sh");
  private Path busybox;

  private BusyboxImage(String tag) {
    this.tag = Objects.requireNonNull(tag, "tag == null");
    labels.put(IMAGE_LABEL, tag);
    busybox = Files.isExecutable(Path.of("/bin/busybox")) ? Path.of("/bin/busybox") : Path.of("/usr/bin/busybox");
  }

  /** A builder for image {@code tag} (e.g. {@code berth-test/busybox:1}) whose CMD is {@code sh}. */
  public static BusyboxImage named(String tag) {
    return new BusyboxImage(tag);
  }

  /**
   * The example web server: busybox httpd on port 8080 serving {@code /} (the given body),
   * {@code /health} ("ok") and {@code /task} (the id of the task it runs in, from the
   * {@code BERTH_TASK_ID} variable the agent sets), exiting 0 on SIGTERM so that stops are quick.
   */
  public static BusyboxImage webapp(String tag, String body) {
    return named(tag)
        .file("www/index.html", body + "\n")
        .file("www/health", "ok\n")
        .cmd("sh", "-c", "trap 'exit 0' TERM; echo \"${" + Blueprints.TASK_ID_VARIABLE + ":-unknown}\" > /www/task;"
            + " httpd -f -p 8080 -h /www & wait");
  }

  /** Uses another static busybox binary than {@code /bin/busybox}. */
  public BusyboxImage busybox(Path binary) {
    this.busybox = Objects.requireNonNull(binary, "binary == null");
    return this;
  }

  /** Adds a file at {@code path} (relative to {@code /}), mode 0644. */
  public BusyboxImage file(String path, String content) {
    files.put(relative(path), content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Sets the image's CMD (exec form). */
  public BusyboxImage cmd(String... command) {
    this.cmd = List.of(command);
    return this;
  }

  /** Adds an image label. */
  public BusyboxImage label(String name, String value) {
    labels.put(name, value);
    return this;
  }

  /** The image tag. */
  public String tag() {
    return tag;
  }

  /**
   * Builds the image unless the engine already has {@code tag} built from the same content (an image of
   * that tag built from other files or another CMD is rebuilt); returns the tag.
   */
  public String buildIfAbsent(DockerClient docker) {
    try {
      var config = docker.inspectImageCmd(tag).exec().getConfig();
      Map<String, String> present = config == null || config.getLabels() == null ? Map.of() : config.getLabels();
      if (contentDigest().equals(present.get(CONTENT_LABEL))) {
        return tag;
      }
      return build(docker);
    } catch (NotFoundException missing) {
      return build(docker);
    }
  }

  /** A digest of the files, CMD, labels and busybox binary the image is built from. */
  String contentDigest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(dockerfile(Map.of()).getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update(file.getValue());
      }
      if (Files.isReadable(busybox)) {
        sha.update(Files.readAllBytes(busybox));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + busybox, e);
    }
  }

  /** Builds (or rebuilds) the image; returns the tag. */
  public String build(DockerClient docker) {
    if (!Files.isExecutable(busybox)) {
      throw new IllegalStateException("no static busybox at " + busybox + "; install Debian's busybox-static"
          + " (scripts/docker-up does) or call busybox(path)");
    }
    try (ByteArrayInputStream context = new ByteArrayInputStream(context())) {
      docker.buildImageCmd().withTarInputStream(context).withTags(Set.of(tag)).withRemove(true)
          .withPull(false).exec(new BuildImageResultCallback()).awaitImageId();
      return tag;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build image " + tag, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot build image " + tag + ": " + e.getMessage()
          + "; check that a Docker engine answers (scripts/docker-up)", e);
    }
  }

  /** The build context as a tar: a Dockerfile and {@code rootfs/} with busybox, links and files. */
  byte[] context() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      addFile(tar, "Dockerfile", dockerfile(Map.of(CONTENT_LABEL, contentDigest())).getBytes(StandardCharsets.UTF_8),
          0644);
      addFile(tar, "rootfs/bin/busybox", Files.readAllBytes(busybox), 0755);
      for (String applet : APPLETS) {
        TarArchiveEntry link = new TarArchiveEntry("rootfs/bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        link.setModTime(0);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        addFile(tar, "rootfs/" + file.getKey(), file.getValue(), 0644);
      }
      addFile(tar, "rootfs/tmp/.keep", new byte[0], 0644);
    }
    return bytes.toByteArray();
  }

  private String dockerfile(Map<String, String> extraLabels) {
    Map<String, String> quoted = new LinkedHashMap<>();
    labels.forEach((k, v) -> quoted.put(json(k), json(v)));
    extraLabels.forEach((k, v) -> quoted.put(json(k), json(v)));
    List<String> lines = new ArrayList<>();
    lines.add("FROM scratch");
    lines.add("COPY rootfs/ /");
    lines.add("LABEL " + quoted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" ")));
    lines.add("CMD [" + cmd.stream().map(BusyboxImage::json).collect(Collectors.joining(", ")) + "]");
    return String.join("\n", lines) + "\n";
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void addFile(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(mode);
    entry.setModTime(0);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static String relative(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || relative.contains("..")) {
      throw new IllegalArgumentException("image file path '" + path + "' must name a file inside the image");
    }
    return relative;
  }
}
