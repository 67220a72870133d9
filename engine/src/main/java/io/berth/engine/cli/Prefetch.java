package io.berth.engine.cli;

import io.berth.engine.local.UpFile;
import io.berth.json.DesiredStateJson;
import io.berth.plans.render.TextRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A head start for {@code plan --desired} and {@code apply --desired} on a cold JVM: a daemon
 * thread, started before the arguments are parsed, builds Jackson's readers and writers for the
 * model and starts the template engine while picocli parses and the command reads its input.
 * Those are the slowest first-time costs of a small plan after the JVM's own start, and picocli
 * uses a single core; on a 2-core machine the second one was idle.
 *
 * <p>Only ever a head start: the command does each step again when it needs it (from Jackson's and
 * Velocity's caches by then), so what fails here fails there too, with the command's own message.
 */
final class Prefetch {
  private Prefetch() {}

  /**
   * Starts the thread when {@code args} are a plan or apply from a desired-state directory, unless
   * the apply will likely go to a running {@code berth up} ({@code POST /v1/apply}): that path loads
   * none of what the thread would prepare, and preparing it would cost it most of its CPU time.
   */
  static void start(String... args) {
    if (readsDesiredState(args) && !(args[0].equals("apply") && List.of(args).contains("--auto-approve")
        && Files.isRegularFile(UpFile.path(Path.of(""))))) {
      Thread thread = new Thread(Prefetch::run, "berth-prefetch");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** {@code plan} or {@code apply} with {@code --desired}: other commands would waste the work. */
  static boolean readsDesiredState(String... args) {
    if (args.length == 0 || !(args[0].equals("plan") || args[0].equals("apply"))) {
      return false;
    }
    for (String arg : args) {
      if (arg.equals("--desired") || arg.startsWith("--desired=")) {
        return true;
      }
    }
    return false;
  }

  private static void run() {
    try {
      DesiredStateJson.prepare();
      TextRenderer.prepare();
    } catch (RuntimeException | LinkageError e) {
      // the command repeats the step and reports the failure itself (see the class comment)
    }
  }
}
