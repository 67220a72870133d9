package io.berth.engine.planner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What the build recorded about this Berth: its version ({@code build.properties}, filtered by
 * Maven) and the commit it was built from ({@code build-commit.txt}, written by {@code git
 * rev-parse HEAD} when the build ran in a Git checkout). Both sit next to this class, so they are
 * found in the plain jar, the launcher's jar and the classes directory alike.
 *
 * @param version the project version, {@code dev} when the resource is missing
 * @param commit the full commit id, {@code unknown} when the build ran outside a Git checkout
 */
public record BuildInfo(String version, String commit) {
  private static final BuildInfo CURRENT = read();

  /** This Berth's build. */
  public static BuildInfo current() {
    return CURRENT;
  }

  /** {@code berth 0.1.0 (commit 48db18d0f3a1)}: how the command line and the Maven plugin name themselves. */
  public String line() {
    return "berth " + version + " (commit " + commit.substring(0, Math.min(12, commit.length())) + ")";
  }

  private static BuildInfo read() {
    Properties properties = new Properties();
    String commit = "unknown";
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource in our own jar: report what is known
    }
    try (InputStream in = BuildInfo.class.getResourceAsStream("build-commit.txt")) {
      if (in != null) {
        String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        commit = line.matches("[0-9a-f]{7,64}") ? line : commit;
      }
    } catch (IOException e) {
      // as above
    }
    String version = properties.getProperty("version", "dev");
    return new BuildInfo(version.contains("${") ? "dev" : version, commit);
  }
}
