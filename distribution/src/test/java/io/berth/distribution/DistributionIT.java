package io.berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user installs it: unpacked anywhere with {@code tar}, {@code bin/berth} runs
 * from any directory (and through a symbolic link) with the Java on the PATH, and plans.
 */
class DistributionIT {
  static final Path ARCHIVE = Path.of(System.getProperty("berth.it.archive"));
  static final String VERSION = System.getProperty("berth.it.version");
  static final Path ROOT = Path.of(System.getProperty("berth.it.root")).toAbsolutePath().normalize();

  @TempDir Path tmp;

  record Run(int exitCode, String out) {}

  private Run run(Path workDirectory, String... command) throws IOException, InterruptedException {
    return runWithJavaOpts(workDirectory, null, command);
  }

  /** {@code command} with no BERTH_ variable set but {@code javaOpts} as BERTH_JAVA_OPTS (when not null). */
  private Run runWithJavaOpts(Path workDirectory, String javaOpts, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("BERTH_"));
    if (javaOpts != null) {
      builder.environment().put("BERTH_JAVA_OPTS", javaOpts);
    }
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), out);
  }

  @Test
  void unpackedAnywhereBinBerthRunsFromAnyDirectoryAndPlans() throws Exception {
    Path install = Files.createDirectories(tmp.resolve("opt"));
    assertThat(run(install, "tar", "xzf", ARCHIVE + ".tar.gz").exitCode()).isZero();
    Path home = install.resolve("berth-" + VERSION);
    Path berth = home.resolve("bin/berth");
    Path elsewhere = Files.createDirectories(tmp.resolve("work"));

    Run version = run(elsewhere, berth.toString(), "--version");

    assertThat(version.exitCode()).as(version.out()).isZero();
    assertThat(version.out()).startsWith("berth " + VERSION + "\ncommit ").contains("\njava 17");

    Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("bin")).resolve("berth"), berth);
    Run viaLink = run(elsewhere, link.toString(), "version");
    assertThat(viaLink.out()).isEqualTo(version.out());

    assertThat(run(elsewhere, berth.toString(), "init", "--state", "state").exitCode()).isZero();
    Run plan = run(elsewhere, berth.toString(), "plan", "--desired",
        ROOT.resolve("engine/src/test/resources/desired/v1").toString(), "--state", "state", "--out", "plan.json");

    assertThat(plan.exitCode()).as(plan.out()).isZero();
    assertThat(plan.out()).contains("Plan: 4 to add, 0 to change, 0 to destroy.");
    assertThat(elsewhere.resolve("plan.json")).exists();
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString()))
          .as("the launcher's class data archive sits next to the distribution's jar").anyMatch(n -> n.endsWith(".jsa"));
    }
    assertThat(Files.readString(home.resolve("licences/THIRD-PARTY.txt"))).contains("picocli").contains("JGit")
        .doesNotContain("io.berth");
  }

  @Test
  void berthUpAndBerthServerRunWithABoundedHeapThatBerthJavaOptsCanRaise() throws Exception {
    Path install = Files.createDirectories(tmp.resolve("opt"));
    assertThat(run(install, "tar", "xzf", ARCHIVE + ".tar.gz").exitCode()).isZero();
    String berth = install.resolve("berth-" + VERSION + "/bin/berth").toString();

    // the JVM prints the flags it was started with; up --help starts berth up's JVM and returns
    Run capped = runWithJavaOpts(tmp, "-XX:+PrintCommandLineFlags", berth, "up", "--help");
    Run raised = runWithJavaOpts(tmp, "-XX:+PrintCommandLineFlags -Xmx1g", berth, "up", "--help");
    Run plan = runWithJavaOpts(tmp, "-XX:+PrintCommandLineFlags", berth, "plan", "--help");

    assertThat(capped.exitCode()).as(capped.out()).isZero();
    assertThat(capped.out()).contains("-XX:MaxHeapSize=268435456 ").contains("Run a local cluster");
    assertThat(raised.out()).contains("-XX:MaxHeapSize=1073741824 ");
    assertThat(plan.out()).doesNotContain("-XX:MaxHeapSize=268435456 ");

    Run server = runWithJavaOpts(tmp, "-XX:+PrintCommandLineFlags", berth, "server", "--help");
    Run serverRaised = runWithJavaOpts(tmp, "-XX:+PrintCommandLineFlags -Xmx4g", berth, "server", "--help");
    assertThat(server.exitCode()).as(server.out()).isZero();
    assertThat(server.out()).contains("-XX:MaxHeapSize=2147483648 ");
    assertThat(serverRaised.out()).contains("-XX:MaxHeapSize=4294967296 ");
  }

  @Test
  void theZipHoldsTheExecutableLauncherTheJarAndTheLicences() throws IOException {
    List<String> names = new ArrayList<>();
    String base = "berth-" + VERSION + "/";
    try (ZipFile zip = ZipFile.builder().setPath(Path.of(ARCHIVE + ".zip")).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        names.add(entry.getName());
      }
      assertThat(zip.getEntry(base + "bin/berth").getUnixMode() & 0777).isEqualTo(0755);
    }
    assertThat(names).contains(base + "bin/berth", base + "lib/berth.jar", base + "licences/THIRD-PARTY.txt",
        base + "README.md");
  }
}
