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
