package io.berth.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code git} command line, for tests that set up or inspect repositories as a user would. */
public final class GitCli {
  private GitCli() {}

  /** Runs {@code git args...} in {@code directory}; its output, or an AssertionError with it when git fails. */
  public static String run(Path directory, String... args) {
    return run(directory, Map.of(), args);
  }

  /** As {@link #run(Path, String...)} with extra environment variables. */
  public static String run(Path directory, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "init.defaultBranch=main", "-c",
        "user.name=Test", "-c", "user.email=test@berth.local"));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process git = builder.start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
        throw new AssertionError("git " + String.join(" ", args) + " failed in " + directory + ":\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run git (install it: scripts/test-tools): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs {@code command} (any program) in {@code directory}; its output, or an AssertionError with it. */
  public static String exec(Path directory, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed in " + directory + ":\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0) + " (install it: scripts/test-tools): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A new empty bare repository {@code base/name} on branch main. */
  public static Path bare(Path base, String name) {
    run(base, "init", "--quiet", "--bare", "--initial-branch=main", name);
    return base.resolve(name);
  }

  /** {@code git fsck --strict} of {@code gitDir}: its output (an AssertionError when it finds damage). */
  public static String fsck(Path gitDir) {
    return run(gitDir, "--git-dir", gitDir.toString(), "fsck", "--strict", "--no-dangling");
  }
}
