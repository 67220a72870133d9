package io.berth.examples.platform;

import io.berth.dsl.Cluster;
import io.berth.dsl.Constraint;
import io.berth.dsl.Field;
import io.berth.dsl.Infra;
import io.berth.dsl.Role;
import io.berth.dsl.Stack;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.TaskDefinition;

/**
 * What a platform team runs for everyone: a log agent on every instance of two clusters (DAEMON
 * services), roles whose Deny statements carve exceptions out of their Allows, and services pinned
 * to instance types and zones with {@code memberOf} constraints. It also owns the cluster {@code local}
 * that {@code berth up} runs and the application stacks ({@code examples/webapp}, {@code examples/batch})
 * use by reference, and the task role they share.
 */
@Stack("platform")
public final class Platform implements StackDefinition {
  private static final String IMAGE = "berth-examples/webapp-httpd:1";

  @Override
  public void define(Infra infra) {
    Role agent = infra.role("platform-agent")
        .allow("ecs:RegisterContainerInstance", "*")
        .allow("ecs:Poll", "*")
        .deny("ecs:DeleteCluster", "*");
    Role logsExecution = infra.role("log-agent-execution")
        .allow("secrets:Read", "secret/platform/*")
        .deny("secrets:Read", "secret/platform/admin/*");
    Role apiTask = infra.role("api-task")
        .allow("secrets:Read", "secret/api/*");

    // the cluster berth up's agents join (berth up --cluster local), with room for the application
    // stacks that run on it (examples/webapp, examples/batch), and the task role they share
    infra.cluster("local")
        .capacity("std", 3, g -> g.cpu(2048).memory(4096).instanceType("t3.medium")
            .zones("zone-a", "zone-b", "zone-c"));
    infra.role("app-task").allow("secrets:Read", "secret/webapp/*");

    Cluster core = infra.cluster("core").instanceRole(agent)
        .capacity("general", 2, g -> g.instanceType("t3.large").cpu(2048).memory(8192).zones("zone-a", "zone-b"))
        .capacity("memory", 1, g -> g.instanceType("r5.large").cpu(2048).memory(16384).zones("zone-a"));
    Cluster edge = infra.cluster("edge").instanceRole(agent)
        .capacity("edge", 2, g -> g.instanceType("t3.small").cpu(2048).memory(2048).zones("zone-a", "zone-b"));

    TaskDefinition logAgent = infra.taskDefinition("log-agent")
        .executionRole(logsExecution)
        .bindVolume("host-logs", "/var/log")
        .container("agent", c -> c.image(IMAGE)
            .cpu(64).memoryReservation(32).memory(64)
            .entryPoint("/bin/busybox")
            .command("sh", "-c", "while true; do ls /host/logs > /dev/null; sleep 60; done")
            .secret("LOGS_TOKEN", "secret/platform/logs-token")
            .mount("host-logs", "/host/logs", true));
    infra.service("log-agent", core, logAgent).daemon().deployment(d -> d.circuitBreaker(true));
    infra.service("log-agent-edge", edge, logAgent).daemon().deployment(d -> d.circuitBreaker(true));

    TaskDefinition cache = infra.taskDefinition("cache")
        .container("cache", c -> c.image(IMAGE).cpu(512).memory(2048)
            .entryPoint("/bin/busybox").command("sh", "-c", "while true; do sleep 3600; done"));
    infra.service("cache", core, cache)
        .desiredCount(1)
        .constraint(Constraint.memberOf("attribute:ecs.instance-type =~ r5.*"))
        .deployment(d -> d.minimumHealthyPercent(0).maximumPercent(100).circuitBreaker(true));

    TaskDefinition api = infra.taskDefinition("api")
        .taskRole(apiTask)
        .executionRole(apiTask) // resolves API_KEY before the container starts
        .container("api", c -> c.image(IMAGE).cpu(256).memory(256).portMapping(8080)
            .secret("API_KEY", "secret/api/key")
            .healthCheck(h -> h.shell("wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1")));
    infra.service("api", core, api)
        .desiredCount(2)
        .placement(p -> p.spread(Field.ZONE))
        .constraint(Constraint.distinctInstance())
        .constraint(Constraint.memberOf("attribute:ecs.availability-zone in [zone-a, zone-b]"
            + " and attribute:ecs.instance-type =~ t3.*"))
        .deployment(d -> d.circuitBreaker(true, true));
  }
}
