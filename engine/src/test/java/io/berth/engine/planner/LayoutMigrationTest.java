package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.state.StateRepository;
import io.berth.engine.testing.GitCli;
import io.berth.plans.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state written by layout 1 (one stack at the root of main's tree, written out here file by file
 * with plain git, as that layout's berth wrote it) opens, plans as its one stack, and moves to
 * layout 2 on the next apply by a commit of its own, keeping its history and blobs.
 */
class LayoutMigrationTest {
  @TempDir Path tmp;

  private Path layoutOneState() throws Exception {
    Path work = tmp.resolve("work");
    Files.createDirectories(work.resolve("task-definitions/web"));
    Files.createDirectories(work.resolve("services/local"));
    Files.createDirectories(work.resolve("clusters"));
    Files.writeString(work.resolve("layout-version"), "1\n");
    Files.writeString(work.resolve("stack.json"), "{\n  \"stack\" : \"shop\",\n  \"taskDefinitions\" : {\n"
        + "    \"web\" : 2\n  }\n}");
    Files.writeString(work.resolve("clusters/local.json"), "{\n  \"name\" : \"local\"\n}");
    for (int revision = 1; revision <= 2; revision++) {
      Files.writeString(work.resolve("task-definitions/web/" + revision + ".json"), "{\n  \"family\" : \"web\",\n"
          + "  \"containerDefinitions\" : [ {\n    \"name\" : \"app\",\n    \"image\" : \"web:" + revision + "\",\n"
          + "    \"memory\" : 64,\n    \"essential\" : true\n  } ]\n}");
    }
    Files.writeString(work.resolve("services/local/web.json"), "{\n  \"serviceName\" : \"web\",\n"
        + "  \"cluster\" : \"local\",\n  \"taskDefinition\" : \"web:2\",\n  \"launchType\" : \"EC2\",\n"
        + "  \"schedulingStrategy\" : \"REPLICA\",\n  \"desiredCount\" : 1,\n  \"deploymentConfiguration\" : {\n"
        + "    \"maximumPercent\" : 200,\n    \"minimumHealthyPercent\" : 100\n  }\n}");
    GitCli.run(tmp, "init", "-q", "-b", "main", work.toString());
    GitCli.run(work, "add", ".");
    GitCli.run(work, "-c", "user.name=Berth", "-c", "user.email=berth@localhost", "commit", "-qm", "first apply");
    GitCli.run(work, "rm", "-q", "task-definitions/web/1.json");
    GitCli.run(work, "-c", "user.name=Berth", "-c", "user.email=berth@localhost", "commit", "-qm", "second apply");
    Path state = tmp.resolve("state");
    GitCli.run(tmp, "clone", "-q", "--bare", work.toString(), state.toString());
    return state;
  }

  private String git(Path state, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--git-dir";
    all[1] = state.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return GitCli.run(tmp, all).strip();
  }

  @Test
  void aLayoutOneStateOpensPlansAsItsStackAndMovesToLayoutTwoOnTheNextApply() throws Exception {
    Path dir = layoutOneState();
    String before = git(dir, "rev-parse", "main");
    String serviceBlob = git(dir, "rev-parse", "main:services/local/web.json");
    try (StateRepository state = StateRepository.open(dir, ManyStacksTest.CLOCK)) {
      assertThat(state.stacks("main")).containsExactly("shop");
      assertThat(state.declaredAt("main", "shop").services()).extracting(s -> s.taskDefinition())
          .containsExactly("web:2");
      Plan same = ManyStacksTest.plan(state, ManyStacksTest.desired("""
          {"apiVersion":"berth/v1","stack":"shop","clusters":[{"name":"local"}],
           "taskDefinitions":[{"family":"web","containerDefinitions":[{"name":"app","image":"web:2","memory":64,
             "essential":true}]}],
           "services":[{"serviceName":"web","cluster":"local","taskDefinition":"web","launchType":"EC2",
             "schedulingStrategy":"REPLICA","desiredCount":1,
             "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100}}]}"""));
      assertThat(same.hasChanges()).isFalse();
      assertThat(same.reads()).containsOnlyKeys(""); // a layout 1 state holds one stack and is read whole

      // another stack's first apply uses the old stack's cluster and moves the state to layout 2
      Plan webapp = ManyStacksTest.plan(state, ManyStacksTest.desired(ManyStacksTest.appJson("billing", "invoice",
          "invoice:1", false)));
      assertThat(webapp.changes().get(1).notes()).contains("uses cluster \"local\" of stack 'shop'");
      String after = ManyStacksTest.apply(state, webapp);

      assertThat(git(dir, "rev-list", "--count", after)).isEqualTo("4");
      assertThat(git(dir, "log", "-1", "--format=%s", after + "^")).isEqualTo("Move the state to layout 2: one"
          + " directory per stack");
      assertThat(git(dir, "rev-parse", after + "^^")).isEqualTo(before);
      assertThat(git(dir, "show", "main:layout-version")).isEqualTo("2");
      assertThat(git(dir, "rev-parse", "main:stacks/shop/services/local/web.json")).isEqualTo(serviceBlob);
      assertThat(git(dir, "show", "main:names/clusters/local")).isEqualTo("shop");
      assertThat(git(dir, "show", "main:names/services/local/web")).isEqualTo("shop");
      assertThat(git(dir, "ls-tree", "--name-only", "main:uses/clusters/local")).isEqualTo("billing");
      assertThat(state.stacks("main")).containsExactly("billing", "shop");
      assertThat(state.stacks(before)).containsExactly("shop"); // history still reads as it was
      assertThat(state.history(10)).hasSize(4);
      assertThat(ManyStacksTest.plan(state, ManyStacksTest.desired("""
          {"apiVersion":"berth/v1","stack":"shop","clusters":[{"name":"local"}],
           "taskDefinitions":[{"family":"web","containerDefinitions":[{"name":"app","image":"web:2","memory":64,
             "essential":true}]}],
           "services":[{"serviceName":"web","cluster":"local","taskDefinition":"web","launchType":"EC2",
             "schedulingStrategy":"REPLICA","desiredCount":1,
             "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100}}]}""")).hasChanges())
          .isFalse();
    }
    assertThat(GitCli.fsck(dir)).doesNotContain("error");
  }
}
