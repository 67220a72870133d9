package io.berth.examples.batch;

import io.berth.dsl.ExistingCluster;
import io.berth.dsl.Infra;
import io.berth.dsl.Stack;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.TaskDefinition;
import io.berth.model.ContainerCondition;
import io.berth.model.VolumeScope;

/**
 * A batch worker: an init container fetches the input into a shared Docker volume and must exit 0
 * ({@code SUCCESS}) before the report container starts; scheduled scaling runs more workers at
 * night and none during the day. It runs on the cluster {@code local} with the task role
 * {@code app-task}, both owned by the platform stack ({@code examples/platform}).
 */
@Stack("batch")
public final class NightlyReport implements StackDefinition {
  private static final String IMAGE = "berth-examples/webapp-httpd:1";

  @Override
  public void define(Infra infra) {
    ExistingCluster jobs = infra.existingCluster("local"); // owned by the platform stack

    TaskDefinition report = infra.taskDefinition("nightly-report")
        .taskRole(infra.existingRole("app-task"))
        .volume("work", v -> v.scope(VolumeScope.SHARED).autoprovision(true).driver("local"))
        .container("fetch", c -> c.image(IMAGE)
            .essential(false) // an init container: it is meant to exit
            .memory(64)
            .entryPoint("/bin/busybox")
            .command("sh", "-c", "echo 'orders=42' > /work/input.txt")
            .mount("work", "/work"))
        .container("report", c -> c.image(IMAGE)
            .memory(128)
            .entryPoint("/bin/busybox")
            .command("sh", "-c", "cat /work/input.txt; while true; do sleep 3600; done")
            .mount("work", "/work", true)
            .dependsOn("fetch", ContainerCondition.SUCCESS)
            .stopTimeout(5));

    infra.service("report-worker", jobs, report)
        .desiredCount(1)
        .deployment(d -> d.circuitBreaker(true))
        .autoScaling(a -> a.min(0).max(4)
            .scheduled("night", "cron(0 22 * * ? *)", 2, 4)
            .scheduled("day", "cron(0 6 * * ? *)", 0, 1));
  }
}
