package io.berth.engine.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one run of {@code berth plan} or {@code apply} whose loaded classes the {@code berth}
 * launcher lists to dump its class-data archive (it sets {@code -Dberth.classlist=true}). Later
 * runs take whichever way suits them: an apply through a running {@code berth up}
 * ({@link PlaneApply}) or planning in their own JVM. So this run also walks the way it did not
 * take, without effect, and the archive serves both: after an apply through the control plane, a
 * read-only plan of the same input with its output thrown away; after a local plan or apply, one
 * read-only request to the running {@code berth up}, when there is one.
 */
final class ClassListRun {
  private ClassListRun() {}

  /** True in the launcher's listing run. */
  static boolean active() {
    return Boolean.getBoolean("berth.classlist");
  }

  /** Loads the local planning path: {@code berth plan --desired DIR} of what was just applied, output discarded. */
  static void planLocally(Path desired, Optional<String> stack, String state) {
    List<String> args = new ArrayList<>(List.of("plan", "--desired", desired.toString(), "--state", state));
    stack.ifPresent(s -> args.addAll(List.of("--stack", s)));
    var cli = BerthCli.commandLine(args.toArray(String[]::new));
    cli.setOut(new PrintWriter(Writer.nullWriter()));
    cli.setErr(new PrintWriter(Writer.nullWriter()));
    cli.execute(args.toArray(String[]::new)); // a failure here changes nothing: the apply has been done
  }

  /** Loads the client side of {@link PlaneApply} with one read-only request, if a berth up runs here. */
  static void touchPlane(Path workDirectory) {
    PlaneApply.status(workDirectory);
  }
}
