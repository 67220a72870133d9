package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input a user can get wrong fails with exit code 1 and a message naming the thing and the fix. */
class CliErrorsTest {
  @TempDir Path tmp;

  static Stream<List<String>> cases(Path tmp, String state) {
    return Stream.of(
        List.of("plan", "--desired", tmp.resolve("nope").toString(), "--state", state, "does not exist", "mvn compile"),
        List.of("plan", "--desired", tmp.toString(), "--state", state, "holds no Berth desired state", "mvn compile"),
        List.of("plan", "--desired", PlanApplyCliTest.V1.toString(), "--state", tmp.resolve("missing").toString(),
            "no state repository at", "berth init"),
        List.of("plan", "--desired", PlanApplyCliTest.V1.toString(), "--state", tmp.toString(),
            "is not a Git repository", "berth init"),
        List.of("apply", "--desired", PlanApplyCliTest.V1.toString(), "--state", state, "--auto-approve",
            "--stack", "other", "stack 'other' is not in", "stacks there: shop"),
        List.of("apply", "--desired", PlanApplyCliTest.V1.toString(), "--state", state, "needs", "--auto-approve"),
        List.of("apply", tmp.resolve("plan.json").toString(), "--state", state, "does not exist", "--out"),
        List.of("show", "feedface", "--state", state, "is not in state repository", "berth history"),
        List.of("plan", "--state", state, "--no-such-flag", "Unknown option", "--no-such-flag"));
  }

  @Test
  void badInputExitsOneWithAMessageNamingTheFix() throws Exception {
    String state = tmp.resolve("state").toString();
    CliRun.of("init", "--state", state);
    Files.writeString(tmp.resolve("stray.txt"), "not a repository");
    for (List<String> c : cases(tmp, state).toList()) {
      List<String> args = c.subList(0, c.size() - 2);
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(run.err()).as(String.join(" ", args)).contains(c.get(c.size() - 2)).contains(c.get(c.size() - 1));
    }
  }

  @Test
  void pathsThatCannotBeUsedAreNamedWithTheFixBeforeAnyWork() throws Exception {
    String state = tmp.resolve("state").toString();
    CliRun.of("init", "--state", state);
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path dir = Files.createDirectories(tmp.resolve("a-dir"));
    String desired = PlanApplyCliTest.V1.toString();
    List<List<String>> cases = List.of(
        List.of("apply", dir.toString(), "--state", state,
            dir + " is a directory, not a plan file", "berth apply --desired " + dir + " --auto-approve"),
        List.of("plan", "--desired", desired, "--state", state, "--out", file.resolve("plan.json").toString(),
            "--out " + file.resolve("plan.json") + " cannot be created: " + file + " is a file, not a directory",
            "e.g. --out target/berth/plan.json"),
        List.of("plan", "--desired", desired, "--state", state, "--out", dir.toString(),
            "--out " + dir + " is a directory; name a file in it", dir.resolve("plan.json").toString()),
        List.of("plan", "--desired", desired, "--state", state, "--comment-dir", file.toString(),
            "--comment-dir " + file + " is a file, not a directory", "e.g. --comment-dir target/berth/comments"),
        List.of("init", "--state", file.toString(), file + " is a file, not a directory",
            "point --state (or BERTH_STATE) at a new or empty directory"),
        List.of("init", "--state", file.resolve("state").toString(), file + " is a file, not a directory",
            "point --state (or BERTH_STATE) at a path under a directory"));
    for (List<String> c : cases) {
      List<String> args = c.subList(0, c.size() - 2);
      CliRun run = CliRun.of(args.toArray(String[]::new));

      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(run.err()).as(String.join(" ", args)).startsWith("error: ").contains(c.get(c.size() - 2))
          .contains(c.get(c.size() - 1)).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(run.out()).as("nothing is planned before the paths are checked").isEmpty();
    }
  }

  @Test
  void runtimeOptionsThatMeanNothingAreRefusedBeforeAnythingStarts() {
    List<List<String>> cases = List.of(
        List.of("up", "--zones", "", "--zones '' has an empty zone name", "e.g. --zones zone-a,zone-b,zone-c"),
        List.of("up", "--zones", "zone-a,,zone-b", "has an empty zone name", "separated by commas"),
        List.of("up", "--agents", "0", "--agents 0 starts no agent", "give 1 or more"),
        List.of("logs", "web-1", "--tail", "-3", "--tail -3 asks for no lines", "1 or more"),
        List.of("agent", "--server", "http://127.0.0.1:9", "--zone", "", "--zone is empty",
            "e.g. --zone zone-a"),
        List.of("server", "--listen", "127.0.0.1:http",
            "--listen '127.0.0.1:http' needs HOST:PORT", "e.g. 127.0.0.1:7070"),
        List.of("ps", "--server", "127.0.0.1:7070", "--server '127.0.0.1:7070' (or BERTH_SERVER) is"
            + " not the URL of a control plane", "http://127.0.0.1:7070"));
    for (List<String> c : cases) {
      List<String> args = c.subList(0, c.size() - 2);
      CliRun run = CliRun.of(args.toArray(String[]::new));

      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(run.err()).as(String.join(" ", args)).startsWith("error: ").contains(c.get(c.size() - 2))
          .contains(c.get(c.size() - 1)).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void historyOverADamagedOlderCommitSaysSoWithoutAStackTrace() throws Exception {
    String state = tmp.resolve("state").toString();
    assertThat(CliRun.of("apply", "--desired", PlanApplyCliTest.V1.toString(), "--auto-approve", "--state", state)
        .exitCode()).isZero();
    assertThat(CliRun.of("apply", "--desired", PlanApplyCliTest.V2.toString(), "--auto-approve", "--state", state)
        .exitCode()).isZero();
    String older = git(state, "rev-parse", "main~1").strip();
    removeObject(Path.of(state), older);

    CliRun run = CliRun.of("history", "--state", state);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: state repository " + state + " is damaged: cannot read the history of main"
        + " (Git object " + older + " is missing)").contains("fsck").doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** Deletes the object {@code id} from the repository, loose or with the pack holding it. */
  private static void removeObject(Path repo, String id) throws Exception {
    Path loose = repo.resolve("objects").resolve(id.substring(0, 2)).resolve(id.substring(2));
    if (Files.deleteIfExists(loose)) {
      return;
    }
    try (Stream<Path> packs = Files.list(repo.resolve("objects/pack"))) {
      for (Path index : packs.filter(p -> p.toString().endsWith(".idx")).toList()) {
        Process show = new ProcessBuilder("sh", "-c", "git show-index < " + index).redirectErrorStream(true).start();
        String listed = new String(show.getInputStream().readAllBytes());
        show.waitFor();
        if (listed.contains(id)) {
          String base = index.toString().substring(0, index.toString().length() - ".idx".length());
          Files.delete(index);
          Files.delete(Path.of(base + ".pack"));
          return;
        }
      }
    }
    throw new AssertionError("object " + id + " is in no pack and not loose");
  }

  private static String git(String repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "--git-dir", repo));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes());
    assertThat(git.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void aBrokenDesiredFileNamesTheFile() throws Exception {
    Path stack = Files.createDirectories(tmp.resolve("classes/META-INF/berth/shop"));
    Files.writeString(stack.resolve("desired.json"), "{ \"apiVersion\": \"berth/v1\", ");
    String state = tmp.resolve("state").toString();
    CliRun.of("init", "--state", state);

    CliRun run = CliRun.of("plan", "--desired", tmp.resolve("classes").toString(), "--state", state);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(stack.resolve("desired.json").toString()).contains("not valid JSON");
  }

  @Test
  void desiredAndPlanFilesThatAreNullEmptyOrCutShortGetBerthsSentenceNotJavas() throws Exception {
    String state = tmp.resolve("state").toString();
    CliRun.of("init", "--state", state);
    String[][] contents = {{"null", "holds null, not a desired state"}, {"", "is empty, not a desired state"},
        {"[1]", "holds a JSON array, not a desired state"}, {"{\"apiVersion\": \"berth/v1\", \"stack\"",
        "the JSON ends before the document does"}};
    for (String[] c : contents) {
      Path stack = Files.createDirectories(tmp.resolve("d" + c[0].hashCode() + "/META-INF/berth/shop"));
      Files.writeString(stack.resolve("desired.json"), c[0]);
      Path plan = Files.writeString(tmp.resolve("p" + c[0].hashCode() + ".json"), c[0]);

      CliRun planned = CliRun.of("plan", "--desired", stack.toString(), "--state", state);
      CliRun applied = CliRun.of("apply", plan.toString(), "--state", state);

      assertThat(planned.exitCode()).isEqualTo(1);
      assertThat(planned.err()).as("plan of [%s]", c[0]).startsWith("error: " + stack.resolve("desired.json"))
          .contains(c[1]).contains("rebuild it with mvn compile").doesNotContain("Cannot invoke")
          .doesNotContain("io.berth").doesNotContain("\tat ");
      assertThat(applied.exitCode()).isEqualTo(1);
      assertThat(applied.err()).as("apply of [%s]", c[0]).startsWith("error: " + plan)
          .contains("make one with berth plan --out " + plan).doesNotContain("io.berth").doesNotContain("\tat ");
    }
  }

  @Test
  void aPlantedSecretIsRefusedAndAppearsInNoObjectOfTheRepository() throws Exception {
    String planted = "planted-s3cret-9c1e";
    Path stack = Files.createDirectories(tmp.resolve("leaky/META-INF/berth/shop"));
    Files.writeString(stack.resolve("desired.json"), Files.readString(
        PlanApplyCliTest.V1.resolve("META-INF/berth/shop/desired.json"))
        .replace("{ \"name\" : \"GREETING\", \"value\" : \"hello\" }",
            "{ \"name\" : \"DB_PASSWORD\", \"value\" : \"" + planted + "\" }")
        .replace("\"secrets\" : [ { \"name\" : \"DB_PASSWORD\", \"valueFrom\" : \"env:SHOP_DB_PASSWORD\" } ]",
            "\"secrets\" : [ ]"));
    String state = tmp.resolve("state").toString();
    CliRun.of("apply", "--desired", PlanApplyCliTest.V1.toString(), "--auto-approve", "--state", state);

    CliRun run = CliRun.of("apply", "--desired", tmp.resolve("leaky").toString(), "--auto-approve", "--state", state);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("DB_PASSWORD").contains("secrets").doesNotContain(planted);
    Process all = new ProcessBuilder("sh", "-c", "git --git-dir " + state + " cat-file --batch-all-objects --batch")
        .redirectErrorStream(true).start();
    String objects = new String(all.getInputStream().readAllBytes());
    assertThat(all.waitFor()).isZero();
    assertThat(objects).contains("env:SHOP_DB_PASSWORD").doesNotContain(planted);
  }
}
