package io.berth.dsl.spec;

import io.berth.dsl.Constraint;
import io.berth.dsl.Field;
import io.berth.dsl.Infra;
import io.berth.dsl.Resource;
import io.berth.dsl.StackDefinition;
import io.berth.model.AdjustmentType;
import io.berth.model.ComparisonOperator;
import io.berth.model.Compatibility;
import io.berth.model.ContainerCondition;
import io.berth.model.CpuArchitecture;
import io.berth.model.DevicePermission;
import io.berth.model.IpcMode;
import io.berth.model.LaunchType;
import io.berth.model.LogDriver;
import io.berth.model.NetworkMode;
import io.berth.model.OsFamily;
import io.berth.model.PidMode;
import io.berth.model.ScalingMetric;
import io.berth.model.TransportProtocol;
import io.berth.model.UlimitName;
import io.berth.model.VolumeScope;
import java.util.List;

/** A stack that calls every DSL method once, valid as a whole: what users may write, end to end. */
public final class KitchenSinkStack implements StackDefinition {
  @Override
  public void define(Infra infra) {
    var agentRole = infra.role("agent").allow("berth:Poll", "*");
    var execRole = infra.role("exec").allow(List.of("secrets:Read"), List.of("secret/sink/*"))
        .deny("secrets:Write", "*");
    var taskRole = infra.role("task").allow("queue:Send", "queue/orders").deny(List.of("queue:Purge"),
        List.of("*"));
    var cluster = infra.cluster("sink").instanceRole(agentRole)
        .capacity("big", 2, g -> g.cpu(4096).memory(8192).zones("zone-a", "zone-b").instanceType("m5.xlarge")
            .attribute("disk", "ssd"))
        .capacity("small", 1);
    var app = infra.taskDefinition("app")
        .networkMode(NetworkMode.BRIDGE).taskRole(taskRole).executionRole(execRole)
        .cpu(1024).memory(2048).requiresCompatibilities(Compatibility.EC2)
        .pidMode(PidMode.TASK).ipcMode(IpcMode.TASK)
        .volume("scratch").bindVolume("logs", "/var/log/sink")
        .volume("cache", v -> v.scope(VolumeScope.SHARED).autoprovision(true).driver("local")
            .driverOpt("type", "tmpfs").label("team", "sink"))
        .memberOf("attribute:disk == ssd")
        .tag("team", "sink")
        .runtimePlatform(CpuArchitecture.X86_64, OsFamily.LINUX)
        .ephemeralStorage(30)
        .container("web", c -> c.image("local/web:2.1").repositoryCredentials("secret/registry")
            .cpu(512).memory(512).memoryReservation(256)
            .portMapping(8080).portMapping(9090, 19090).portMapping(5353, 5353, TransportProtocol.UDP)
            .essential(true).entryPoint("/bin/web").command("--port", "8080")
            .env("MODE", "prod").environmentFile("arn:aws:s3:::bucket/web.env").secret("DB_PASSWORD", "secret/sink/db")
            .mount("scratch", "/tmp/scratch").mount("logs", "/logs", false).mount("cache", "/cache", true)
            .dependsOn("init", ContainerCondition.SUCCESS).dependsOn("db", ContainerCondition.HEALTHY)
            .healthCheck(h -> h.exec("/bin/web", "--health").interval(10).timeout(3).retries(2).startPeriod(20))
            .startTimeout(60).stopTimeout(20).user("1000:1000").workingDirectory("/srv").hostname("web")
            .link("db:database").dockerLabel("tier", "front").ulimit(UlimitName.NOFILE, 1024, 4096)
            .logConfiguration(l -> l.driver(LogDriver.JSON_FILE).option("max-size", "10m")
                .secretOption("token", "secret/sink/log"))
            .linuxParameters(lp -> lp.addCapabilities("NET_ADMIN").dropCapabilities("MKNOD")
                .device("/dev/fuse", "/dev/fuse", DevicePermission.READ, DevicePermission.WRITE)
                .initProcessEnabled(true).sharedMemorySize(64).tmpfs("/run", 16, "rw").swap(0, 0))
            .privileged(false).readonlyRootFilesystem(true).disableNetworking(false)
            .extraHost("metadata", "127.0.0.2").dns("10.0.0.2").dnsSearchDomains("sink.internal")
            .dockerSecurityOption("no-new-privileges").systemControl("net.core.somaxconn", "1024")
            .interactive(false).pseudoTerminal(false).restartPolicy(true, 300, 0, 143))
        .container("db", c -> c.image("local/db:15").memory(512).essential(false)
            .healthCheck(h -> h.shell("pg_isready")).volumesFrom("init", true))
        .container("init", c -> c.image("local/init:1").memoryReservation(32).essential(false).logDriver(LogDriver.SYSLOG))
        .container("gpu", c -> c.image("local/cuda:12").memory(256).essential(false).gpus(1));
    var worker = infra.taskDefinition("worker").networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("0.5 vCPU").memory("1 GB")
        .container("worker", c -> c.image("local/worker:3").portMapping(7000).portMapping(7001, 7001));
    infra.service("app", cluster, app).desiredCount(3).launchType(LaunchType.EC2)
        .placement(p -> p.spread(Field.ZONE).spread(Field.INSTANCE_TYPE).spreadByAttribute("disk")
            .binpack(Resource.CPU).random())
        .constraint(Constraint.distinctInstance())
        .constraint(Constraint.memberOf("attribute:ecs.instance-type =~ m5.* and not(task:group == batch)"))
        .deployment(d -> d.maximumPercent(150).minimumHealthyPercent(50).circuitBreaker(true, false))
        .healthCheckGracePeriod(60)
        .loadBalancer(lb -> lb.container("web", 8080).listenerPort(80))
        .autoScaling(a -> a.min(2).max(12).targetCpu(60).targetMemory(75).targetRequestsPerTarget(500)
            .target("custom", ScalingMetric.ECSSERVICEAVERAGECPUUTILIZATION, 40, 60, 600, true)
            .step("burst", s -> s.metric(ScalingMetric.ECSSERVICEAVERAGECPUUTILIZATION).alarm(
                    ComparisonOperator.GREATERTHANTHRESHOLD, 85)
                .adjustmentType(AdjustmentType.PERCENTCHANGEINCAPACITY).minAdjustmentMagnitude(2).cooldown(120)
                .step(0.0, 10.0, 20).step(10.0, null, 50))
            .step("calm", s -> s.below(20).adjustmentType(AdjustmentType.CHANGEINCAPACITY).step(null, 0.0, -1))
            .scheduled("night", "cron(0 22 * * ? *)", 2, 4)
            .scheduled("morning", "cron(0 6 ? * MON-FRI *)", "Europe/Paris", 4, 12)
            .scheduled("launch", "at(2026-12-01T08:00:00)", 6, 12));
    infra.service("worker", cluster, worker).launchType(LaunchType.FARGATE)
        .deployment(d -> d.circuitBreaker(true));
    infra.service("node-agent", cluster, infra.taskDefinition("node-agent").networkMode(NetworkMode.HOST)
            .container("agent", c -> c.image("local/agent:1").memory(64).portMapping(9100)))
        .daemon().constraint(Constraint.memberOf("attribute:ecs.os-type == linux"))
        .deployment(d -> d.minimumHealthyPercent(0).circuitBreaker(true));
  }
}
