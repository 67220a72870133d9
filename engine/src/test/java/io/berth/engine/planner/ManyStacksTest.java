package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.state.RuntimeStore;
import io.berth.engine.state.StateRepository;
import io.berth.engine.testing.GitCli;
import io.berth.json.BerthJson;
import io.berth.model.DesiredState;
import io.berth.plans.Action;
import io.berth.plans.Plan;
import io.berth.plans.ResourceKind;
import io.berth.plans.diff.PlanException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many stacks in one state: each planned and applied on its own, names owned by one stack,
 * clusters and roles of another stack used by reference, and applies that conflict only when one
 * changed what the other's plan read. Real Git repositories; desired states as the processor writes them.
 */
public class ManyStacksTest {
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  public static DesiredState platform(boolean withLocal) {
    return desired("""
        {"apiVersion":"berth/v1","stack":"platform",
         "clusters":[%s{"name":"prod"}],
         "roles":[{"name":"exec","statements":[{"effect":"Allow","actions":["berth:ReadSecret"],"resources":["*"]}]}]}
        """.formatted(withLocal ? "{\"name\":\"local\"}," : ""));
  }

  /** An application stack running {@code service} on the platform's cluster local, with its role exec. */
  public static DesiredState app(String stack, String service, String image) {
    return desired(appJson(stack, service, image));
  }

  public static String appJson(String stack, String service, String image) {
    return appJson(stack, service, image, true);
  }

  /** As above; without {@code role}, the task definition has no execution role and references only the cluster. */
  public static String appJson(String stack, String service, String image, boolean role) {
    String json = """
        {"apiVersion":"berth/v1","stack":"%1$s",
         "taskDefinitions":[{"family":"%2$s","executionRoleArn":"arn:berth:iam::role/exec",
           "containerDefinitions":[{"name":"app","image":"%3$s","memory":64,"essential":true}]}],
         "services":[{"serviceName":"%2$s","cluster":"local","taskDefinition":"%2$s","launchType":"EC2",
           "schedulingStrategy":"REPLICA","desiredCount":1,
           "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100}}],
         "references":[{"kind":"CLUSTER","name":"local"},{"kind":"ROLE","name":"exec",
           "arn":"arn:berth:iam::role/exec"}]}
        """.formatted(stack, service, image);
    return role ? json : json.replace("\"executionRoleArn\":\"arn:berth:iam::role/exec\",", "")
        .replaceAll(",\\{\"kind\":\"ROLE\"[^}]*\\}", "");
  }

  public static DesiredState desired(String json) {
    try {
      return BerthJson.mapper().readValue(json, DesiredState.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static Plan plan(StateRepository state, DesiredState desired) {
    return new Planner(state, SchedulerDryRun.NONE).plan(desired);
  }

  public static String apply(StateRepository state, Plan plan) {
    return new Planner(state, SchedulerDryRun.NONE).apply(plan).orElseThrow();
  }

  /**
   * A state at {@code dir} that stacks platform (cluster local and prod), webapp (service web) and
   * batch (service report) share, applied in that order; its path, for the CLI's --state.
   */
  public static String threeStacks(Path dir) {
    try (StateRepository state = StateRepository.init(dir, CLOCK)) {
      apply(state, plan(state, platform(true)));
      apply(state, plan(state, app("webapp", "web", "web:1")));
      apply(state, plan(state, app("batch", "report", "report:1")));
    }
    return dir.toString();
  }

  private String git(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--git-dir";
    all[1] = tmp.resolve("state").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return GitCli.run(tmp, all).strip();
  }

  @Test
  void stacksShareAStateEachOwningItsNamesAndUsingThePlatformsClusterByReference() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), CLOCK)) {
      apply(state, plan(state, platform(true)));
      Plan webapp = plan(state, app("webapp", "web", "web:1"));

      assertThat(webapp.changes()).extracting(c -> c.address().type())
          .containsExactly(ResourceKind.TASK_DEFINITION, ResourceKind.SERVICE);
      assertThat(webapp.changes().get(1).notes()).contains("uses cluster \"local\" of stack 'platform'");
      assertThat(webapp.reads()).containsOnlyKeys("layout-version", "stacks/webapp", "names/task-definitions/web",
          "names/services/local/web", "stacks/platform/clusters/local.json", "stacks/platform/roles/exec.json");
      apply(state, webapp);
      apply(state, plan(state, app("batch", "report", "report:1")));

      assertThat(state.stacks("main")).containsExactly("batch", "platform", "webapp");
      assertThat(git("show", "main:names/clusters/local")).isEqualTo("platform");
      assertThat(git("show", "main:names/services/local/web")).isEqualTo("webapp");
      assertThat(git("ls-tree", "--name-only", "main:uses/clusters/local")).isEqualTo("batch\nwebapp");
      assertThat(state.declaredAt("main").services()).extracting(s -> s.serviceName()).containsExactly("report", "web");
      // planning a stack again shows only its own changes: none
      assertThat(plan(state, app("webapp", "web", "web:1")).hasChanges()).isFalse();
      assertThat(plan(state, platform(true)).hasChanges()).isFalse();
      assertThat(GitCli.fsck(tmp.resolve("state"))).doesNotContain("error");
    }
  }

  @Test
  void aNameAnotherStackOwnsIsRefusedNamingTheOwner() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), CLOCK)) {
      apply(state, plan(state, platform(true)));
      apply(state, plan(state, app("webapp", "web", "web:1")));
      DesiredState thief = desired("""
          {"apiVersion":"berth/v1","stack":"thief","clusters":[{"name":"local"}],
           "taskDefinitions":[{"family":"web","containerDefinitions":[{"name":"app","image":"x","memory":64}]}]}
          """);

      assertThatThrownBy(() -> plan(state, thief)).isInstanceOfSatisfying(PlanException.class, e ->
          assertThat(e.problems()).containsExactly(
              "cluster \"local\" belongs to stack 'platform', and a name has one owner: use it with"
                  + " infra.existingCluster(\"local\"), or remove it from stack 'platform' first (berth never moves a"
                  + " resource between stacks)",
              "task-definition \"web\" belongs to stack 'webapp', and a name has one owner: give this stack's one"
                  + " another name, or remove it from stack 'webapp' first (berth never moves a resource between"
                  + " stacks)"));
    }
  }

  @Test
  void aDanglingReferenceIsRefusedAndRemovingAClusterInUseListsItsUsers() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), CLOCK)) {
      assertThatThrownBy(() -> plan(state, app("webapp", "web", "web:1"))).isInstanceOfSatisfying(
          PlanException.class, e -> assertThat(e.problems()).contains("existing cluster 'local'"
              + " (infra.existingCluster(\"local\")) is not declared by any stack of the state being planned: apply"
              + " the stack that declares it first, or declare it in this stack with infra.cluster(\"local\")"));
      apply(state, plan(state, platform(true)));
      apply(state, plan(state, app("webapp", "web", "web:1")));
      apply(state, plan(state, app("batch", "report", "report:1")));

      assertThatThrownBy(() -> plan(state, platform(false))).isInstanceOfSatisfying(PlanException.class, e ->
          assertThat(e.problems()).containsExactly("cannot delete cluster \"local\": stacks 'batch', 'webapp' still"
              + " use it; remove those references and apply those stacks first, or keep local in stack 'platform'"));
    }
  }

  @Test
  void racingAppliesOfUnrelatedStacksBothLandAndAClusterRemovedUnderAUserRefusesOne() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), CLOCK)) {
      apply(state, plan(state, platform(true)));
      Plan webapp = plan(state, app("webapp", "web", "web:1"));
      Plan batch = plan(state, app("batch", "report", "report:1"));
      apply(state, batch);
      String both = apply(state, webapp); // planned before batch landed: what it read did not change

      assertThat(state.stacks(both)).containsExactly("batch", "platform", "webapp");

      // a stack that starts using a cluster and its owner removing it, planned at the same time: the first to land wins
      DesiredState leaner = desired("""
          {"apiVersion":"berth/v1","stack":"lean","clusters":[{"name":"spare"}]}""");
      apply(state, plan(state, leaner));
      Plan dropSpare = plan(state, desired("""
          {"apiVersion":"berth/v1","stack":"lean","clusters":[]}"""));
      DesiredState onSpare = desired(appJson("other", "job", "job:1").replace("local", "spare"));
      Plan useSpare = plan(state, onSpare);
      apply(state, dropSpare);
      assertThatThrownBy(() -> apply(state, useSpare)).hasMessageContaining("the state moved since the plan")
          .hasMessageContaining("stacks/lean/clusters/spare.json");

      apply(state, plan(state, leaner));
      Plan dropAgain = plan(state, desired("""
          {"apiVersion":"berth/v1","stack":"lean","clusters":[]}"""));
      apply(state, plan(state, onSpare));
      assertThatThrownBy(() -> apply(state, dropAgain)).hasMessageContaining("the state moved since the plan")
          .hasMessageContaining("uses/clusters/spare");
      assertThat(git("show", "main:names/clusters/spare")).isEqualTo("lean");
    }
  }

  @Test
  void aStackDeclaringNothingLeavesTheStateWithItsNamesAndUses() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), CLOCK)) {
      apply(state, plan(state, platform(true)));
      apply(state, plan(state, app("webapp", "web", "web:1")));
      Plan destroy = plan(state, desired("""
          {"apiVersion":"berth/v1","stack":"webapp"}"""));

      assertThat(destroy.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.DELETE));
      apply(state, destroy);

      assertThat(state.stacks("main")).containsExactly("platform");
      assertThat(git("ls-tree", "-r", "--name-only", "main")).doesNotContain("webapp").doesNotContain("uses/")
          .doesNotContain("names/services");
      apply(state, plan(state, platform(false))); // nobody uses local any more
      assertThat(git("ls-tree", "-r", "--name-only", "main")).doesNotContain("local");
    }
  }

  @Test
  void theDryRunSaysWhenAChangedServicesClusterHasNoContainerInstances() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), CLOCK)) {
      apply(state, plan(state, platform(true)));
      Plan before = new Planner(state, new PlacementDryRun()).plan(app("webapp", "web", "web:1"));
      assertThat(before.dryRun().note()).doesNotContain("no container instances"); // no control plane ran here
      RuntimeStore runtime = state.runtime();
      runtime.commit(runtime.read().batch().put(RuntimeStore.CONTAINER_INSTANCES, "i-1", Map.of("instanceId", "i-1",
          "cluster", "prod", "status", "ACTIVE")).build("one instance of cluster prod"));

      Plan plan = new Planner(state, new PlacementDryRun()).plan(app("webapp", "web", "web:1"));

      assertThat(plan.dryRun().note()).endsWith("; cluster local has no container instances: its tasks wait until an"
          + " agent joins it (berth up --cluster NAME, berth agent --cluster NAME)");
    }
  }
}
