package io.berth.plans.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.json.BerthJson;
import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.DryRun;
import io.berth.plans.LiveState;
import io.berth.plans.Plan;
import io.berth.plans.PlanFixtures;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceKind;
import io.berth.plans.StackLinks;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.diff.PlainTextSecrets;
import io.berth.plans.diff.StateDiff;
import io.berth.plans.render.JsonRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The saved plan file: what an apply reads back, and the files it refuses. */
class PlanFileTest {
  static Plan plan() {
    return StateDiff.plan(PlanFixtures.desired(), PlanFixtures.live(), "0.1.0-test").withDryRun(new DryRun(true,
        "placed against 2 container instances", List.of(new DryRun.Placement("prod/batch", "batch:1", "ci-1", 1)),
        List.of()));
  }

  @Test
  void aPlanReadsBackWithItsChangesAndItsTargetAsJacksonWritesIt() {
    Plan plan = plan();
    SavedPlan saved = PlanFile.read(PlanFile.write(plan), "plan.json");

    assertThat(saved.planId()).isEqualTo(plan.planId());
    assertThat(saved.planDigest()).isEqualTo(PlanFile.digest(PlanFile.write(plan))).matches("sha256:[0-9a-f]{64}");
    assertThat(saved.stack()).isEqualTo("shop");
    assertThat(saved.baseState()).isEqualTo(plan.baseState());
    assertThat(saved.reads()).isEqualTo(plan.reads()).isNotEmpty();
    assertThat(saved.summary()).isEqualTo(plan.summary());
    assertThat(saved.changes()).containsExactlyElementsOf(plan.changes().stream()
        .map(c -> new SavedPlan.Changed(c.action(), c.address())).toList());
    assertThat(saved.target().plainTextSecrets()).isEmpty();
    assertSameDocuments(saved.target(), TargetDocuments.of(plan.target()));
  }

  @Test
  void theReferencesToOtherStacksReadBackAsWritten() {
    DesiredState base = PlanFixtures.desired();
    List<ExternalReference> references = List.of(
        new ExternalReference(ExternalReference.Kind.CLUSTER, "shared", Optional.empty()),
        new ExternalReference(ExternalReference.Kind.ROLE, "ops", Optional.of("arn:berth:iam::role/ops")));
    DesiredState desired = new DesiredState(base.apiVersion(), base.stack(), base.clusters(), base.roles(),
        base.taskDefinitions(), base.services(), base.scaling(), references);
    LiveState live = PlanFixtures.live();
    Plan plan = StateDiff.plan(desired, new LiveState(live.commit(), live.declared(), live.latestRevisions(),
        live.observed(), live.reads(), new StackLinks(Map.of(new ResourceAddress(ResourceKind.CLUSTER, "shared"),
        "platform", new ResourceAddress(ResourceKind.ROLE, "ops"), "platform"), Map.of(), List.of())), "test");

    SavedPlan saved = PlanFile.read(PlanFile.write(plan), "plan.json");

    assertThat(plan.target().references()).extracting(r -> r.kind() + " " + r.name() + " " + r.arn())
        .containsExactly("ROLE ops Optional.empty", "CLUSTER shared Optional.empty");
    assertThat(saved.target().references()).isEqualTo(TargetDocuments.of(plan.target()).references())
        .isEqualTo(plan.target().references());
  }

  @Test
  void theSamePlanGivesTheSameBytesAndTheFileHoldsTheJsonRenderingsDocument() throws Exception {
    byte[] file = PlanFile.write(plan());
    assertThat(PlanFile.write(plan())).isEqualTo(file);
    assertThat(new String(file, StandardCharsets.UTF_8)).startsWith("{\"formatVersion\":" + Plan.FORMAT_VERSION + ",")
        .endsWith("}}\n").containsOnlyOnce("\n").contains("," + "\"planDigest\":\"sha256:")
        .containsPattern("^\\{\"formatVersion\":\\d+,\"planDigest\":\"sha256:[0-9a-f]{64}\",\"planId\":");
    var tree = (ObjectNode) BerthJson.mapper().readTree(file);
    tree.remove("planDigest");
    assertThat(tree).isEqualTo(BerthJson.mapper().readTree(JsonRenderer.bytes(plan())));
  }

  @Test
  void aTargetChangedAfterPlanningIsRefusedNamingTheFix() {
    String file = new String(PlanFile.write(plan()), StandardCharsets.UTF_8);
    int target = file.indexOf("\"target\":");
    String edited = file.substring(0, target) + file.substring(target).replace("shop/web:1.1", "shop/web:6.6");
    assertThat(edited).isNotEqualTo(file);

    assertThatThrownBy(() -> PlanFile.read(edited.getBytes(StandardCharsets.UTF_8), "plan.json"))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("plan.json was changed after berth plan wrote it")
        .hasMessageContaining("Make the plan again with berth plan --out plan.json");
  }

  @Test
  void aChangeInWhatReviewersReadIsRefusedLikeAChangedTarget() {
    String file = new String(PlanFile.write(plan()), StandardCharsets.UTF_8);
    int target = file.indexOf("\"target\":");
    // the change list and the dry run: what berth plan showed, read by the apply only for its commit message
    for (String[] edit : new String[][] {{"shop/web:1.1", "shop/web:6.6"}, {"\"action\":\"update\"",
        "\"action\":\"create\""}, {"\"tasks\":1", "\"tasks\":2"}}) {
      String edited = file.substring(0, target).replaceFirst(java.util.regex.Pattern.quote(edit[0]), edit[1])
          + file.substring(target);
      assertThat(edited).as(edit[0]).isNotEqualTo(file);
      assertThatThrownBy(() -> PlanFile.read(edited.getBytes(StandardCharsets.UTF_8), "plan.json"))
          .as(edit[0]).isInstanceOf(PlanFileException.class)
          .hasMessageContaining("plan.json was changed after berth plan wrote it: its bytes do not match its"
              + " planDigest")
          .hasMessageContaining("nothing was applied");
    }
  }

  /** Any one byte changed, added or removed anywhere in the file, the digest's own digits included, is refused. */
  @Property(tries = 400)
  void everyChangedByteIsRefused(@ForAll("edits") int[] edit) {
    byte[] file = PlanFile.write(plan());
    int at = Math.floorMod(edit[0], file.length);
    byte[] edited;
    if (edit[1] == 0) { // replace
      edited = file.clone();
      edited[at] = (byte) (file[at] == (byte) edit[2] ? edit[2] + 1 : edit[2]);
    } else if (edit[1] == 1) { // insert
      edited = new byte[file.length + 1];
      System.arraycopy(file, 0, edited, 0, at);
      edited[at] = (byte) edit[2];
      System.arraycopy(file, at, edited, at + 1, file.length - at);
    } else { // delete
      edited = new byte[file.length - 1];
      System.arraycopy(file, 0, edited, 0, at);
      System.arraycopy(file, at + 1, edited, at, file.length - at - 1);
    }
    byte[] changed = edited;
    assertThatThrownBy(() -> PlanFile.read(changed, "plan.json")).isInstanceOf(PlanFileException.class)
        .hasMessageContaining("plan.json");
  }

  @Provide
  Arbitrary<int[]> edits() {
    Arbitrary<Integer> printable = Arbitraries.oneOf(Arbitraries.integers().between(32, 126),
        Arbitraries.of((int) ' ', (int) '\n', (int) '\t', (int) '0', (int) 'a'));
    return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 2),
        printable).as((at, kind, b) -> new int[] {at, kind, b});
  }

  @Test
  void damagedFilesAreRefusedByName() {
    byte[] file = PlanFile.write(plan());
    byte[] cut = Arrays.copyOf(file, file.length / 2);
    assertThatThrownBy(() -> PlanFile.read(cut, "cut.json")).isInstanceOf(PlanFileException.class)
        .hasMessageStartingWith("cut.json is not a valid berth plan file (")
        .hasMessageEndingWith("make it again with berth plan --out cut.json");
    byte[] trailing = PlanFile.seal((new String(file, StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PlanFile.read(trailing, "x.json")).hasMessageContaining("x.json is not a valid berth"
        + " plan file (unexpected content after the plan)");
    assertThatThrownBy(() -> PlanFile.read(cut, "cut.json"))
        .hasMessageContaining("(it ends before the plan does: is the file cut short?)").hasMessageNotContaining("Source");
    assertThatThrownBy(() -> PlanFile.read(" \n".getBytes(StandardCharsets.UTF_8), "empty.json"))
        .hasMessage("empty.json is empty, not a berth plan file; make one with berth plan --out empty.json");
    assertThatThrownBy(() -> PlanFile.read("null".getBytes(StandardCharsets.UTF_8), "null.json"))
        .hasMessageStartingWith("null.json is not a berth plan file").hasMessageEndingWith("berth plan --out null.json");
    String noDigest = new String(file, StandardCharsets.UTF_8).replaceFirst("\"planDigest\":\"[^\"]*\",", "");
    assertThatThrownBy(() -> PlanFile.read(noDigest.getBytes(StandardCharsets.UTF_8), "y.json"))
        .hasMessageContaining("y.json is not a valid berth plan file (no planDigest)");
    String shortDigest = new String(file, StandardCharsets.UTF_8).replaceFirst("(\"planDigest\":\"sha256:)[0-9a-f]{2}",
        "$1");
    assertThatThrownBy(() -> PlanFile.read(shortDigest.getBytes(StandardCharsets.UTF_8), "d.json"))
        .hasMessageContaining("d.json is not a valid berth plan file (planDigest is not sha256: and 64 hex digits)");
    String twoDigests = new String(file, StandardCharsets.UTF_8).replaceFirst("(\"planDigest\":\"[^\"]*\",)", "$1$1");
    assertThatThrownBy(() -> PlanFile.read(twoDigests.getBytes(StandardCharsets.UTF_8), "t.json"))
        .hasMessageContaining("t.json is not a valid berth plan file (two planDigest members)");
    String noReads = new String(file, StandardCharsets.UTF_8).replaceFirst("\"reads\":\\{[^}]*\\},", "");
    assertThatThrownBy(() -> PlanFile.read(PlanFile.seal(noReads.getBytes(StandardCharsets.UTF_8)), "r.json"))
        .hasMessageContaining("r.json is not a valid berth plan file (no reads)");
    String badRead = new String(file, StandardCharsets.UTF_8).replaceFirst("(\"reads\":\\{\"\":)\"[0-9a-f]+\"",
        "$1\"main\"");
    assertThatThrownBy(() -> PlanFile.read(PlanFile.seal(badRead.getBytes(StandardCharsets.UTF_8)), "b.json"))
        .hasMessageContaining("b.json is not a valid berth plan file (reads[\"\"] is not a Git object id)");
  }

  @Test
  void filesOfAnotherFormatOrNotPlansAreRefusedWithTheFix() {
    // format 1 was the pretty-printed rendering, without a target digest
    String version1 = JsonRenderer.render(plan()).replace("\"formatVersion\": " + Plan.FORMAT_VERSION,
        "\"formatVersion\": 1");
    assertThatThrownBy(() -> PlanFile.read(version1.getBytes(StandardCharsets.UTF_8), "old.json"))
        .hasMessageContaining("old.json has plan format version 1 but this berth reads version " + Plan.FORMAT_VERSION
            + "; make the plan again");
    assertThatThrownBy(() -> PlanFile.read("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), "x.json"))
        .hasMessageContaining("x.json is not a berth plan file");
    assertThatThrownBy(() -> PlanFile.read("[]".getBytes(StandardCharsets.UTF_8), "y.json"))
        .hasMessageContaining("y.json is not a berth plan file");
  }

  @Test
  void aMemberThisBerthDoesNotWriteIsRefusedByNameWhereverItIs() throws Exception {
    String file = new String(PlanFile.write(plan()), StandardCharsets.UTF_8);
    // each edit adds one member at one level the token reader walks; [where, edited member, the file]
    String[][] cases = {
        {"the plan", "lifetime", file.replaceFirst(",\"stack\":", ",\"lifetime\":1,\"stack\":")},
        {"summary", "skipped", file.replaceFirst("\"unchanged\":", "\"skipped\":0,\"unchanged\":")},
        {"changes[0]", "reason", file.replaceFirst("\\{\"action\":", "{\"reason\":\"x\",\"action\":")},
        {"an address", "region", file.replaceFirst("\"address\":\\{", "\"address\":{\"region\":\"x\",")},
        {"target", "owners", file.replaceFirst("\"target\":\\{", "\"target\":{\"owners\":[],")},
        {"target.services[0]", "desiredCout", file.replaceFirst("(\"target\":.*\"services\":\\[\\{)",
            "$1\"desiredCout\":3,")},
        {"target.taskDefinitions[0]", "status", file.replaceFirst("(\"target\":.*\"taskDefinitions\":\\[\\{)",
            "$1\"status\":\"ACTIVE\",")},
        {"target.taskDefinitions[0].definition", "taskDefinitionArn", file.replaceFirst(
            "(\"target\":.*?\"definition\":\\{)", "$1\"taskDefinitionArn\":\"x\",")},
        {"target.taskDefinitions[0].definition.containerDefinitions[0]", "imag", file.replaceFirst(
            "(\"target\":.*?\"containerDefinitions\":\\[\\{)", "$1\"imag\":\"x\",")}};
    for (String[] c : cases) {
      assertThat(c[2]).as(c[1]).isNotEqualTo(file);

      assertThatThrownBy(() -> PlanFile.read(c[2].getBytes(StandardCharsets.UTF_8), "plan.json")).as(c[1])
          .isInstanceOf(PlanFileException.class)
          .hasMessageStartingWith("plan.json is not a valid berth plan file (unknown member \"" + c[1] + "\" in " + c[0]
              + " at line 1, column ")
          .hasMessageEndingWith("make it again with berth plan --out plan.json");
    }
  }

  @Test
  void theWholePlanReadsBackForShowingAndUnknownMembersDeeperAreRefusedToo() throws Exception {
    Plan plan = plan();
    assertThat(JsonRenderer.bytes(PlanFile.readPlan(PlanFile.write(plan), "plan.json")))
        .isEqualTo(JsonRenderer.bytes(plan));

    var tree = (ObjectNode) BerthJson.mapper().readTree(PlanFile.write(plan));
    ((ObjectNode) tree.get("dryRun")).put("elapsed", 3);
    // as a newer berth would write it, with its digest: an edit by hand is refused before this
    byte[] edited = PlanFile.seal((BerthJson.compact().writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(PlanFile.read(edited, "plan.json").planId()).as("the apply skips the dry run").isEqualTo(plan.planId());
    assertThatThrownBy(() -> PlanFile.readPlan(edited, "plan.json"))
        .hasMessageStartingWith("plan.json is not a valid berth plan file ($.dryRun.elapsed: unknown member \"elapsed\"");
  }

  @Test
  void plainTextSecretsInTheTargetAreFoundAsPlainTextSecretsWordsThem() {
    TaskDefinition leaky = PlanFixtures.json("{'family':'leaky','containerDefinitions':[{'name':'app','image':'a',"
        + "'memory':64,'environment':[{'name':'PORT','value':'1'},{'name':'DB_PASSWORD','value':'hunter2'},"
        + "{'name':'API_TOKEN','value':''}],'dockerLabels':{'deploy.token':'abc','team':'x'},"
        + "'logConfiguration':{'logDriver':'splunk','options':{'splunk-token':'t','splunk-url':'u'}}}]}",
        TaskDefinition.class);
    Plan plan = plan();
    DeclaredState target = plan.target();
    List<TaskDefinitionRevision> revisions = new ArrayList<>(target.taskDefinitions());
    revisions.add(new TaskDefinitionRevision(1, leaky));
    Plan withSecret = new Plan(plan.formatVersion(), plan.planId(), plan.toolVersion(), plan.stack(),
        plan.baseState(), plan.reads(), plan.desiredDigest(), plan.applicationCommit(), plan.partial(), plan.summary(), plan.changes(), plan.outsideChanges(), plan.dryRun(),
        new DeclaredState(target.stack(), target.roles(), target.clusters(), revisions, target.services(),
            target.scaling()));

    SavedPlan saved = PlanFile.read(PlanFile.write(withSecret), "plan.json");

    assertThat(saved.target().plainTextSecrets()).hasSize(3)
        .containsExactlyElementsOf(PlainTextSecrets.find(List.of(leaky)));
    assertSameDocuments(saved.target(), TargetDocuments.of(withSecret.target()));
  }

  /**
   * The token reader's target against the library's way (the target bound, each document serialised
   * by Jackson): the same stack, secrets, documents in the same order, and each document's bytes.
   */
  private static void assertSameDocuments(TargetDocuments read, TargetDocuments jackson) {
    assertThat(read.stack()).isEqualTo(jackson.stack());
    assertThat(read.plainTextSecrets()).isEqualTo(jackson.plainTextSecrets());
    assertThat(read.documents()).isEqualTo(jackson.documents());
    assertThat(read.documents()).extracting(TargetDocuments.Document::kind).contains(TargetDocuments.Kind.values());
    for (int i = 0; i < read.documents().size(); i++) {
      assertThat(new String(read.json(i), StandardCharsets.UTF_8)).as(read.documents().get(i).toString())
          .isEqualTo(new String(jackson.json(i), StandardCharsets.UTF_8));
    }
  }
}
