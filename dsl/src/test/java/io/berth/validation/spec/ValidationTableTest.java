package io.berth.validation.spec;

import static io.berth.validation.spec.Stacks.base;
import static io.berth.validation.spec.Stacks.container;
import static io.berth.validation.spec.Stacks.service;
import static io.berth.validation.spec.Stacks.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.dsl.Constraint;
import io.berth.dsl.Field;
import io.berth.dsl.Resource;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.TaskDefinition;
import io.berth.dsl.spec.ShopStack;
import io.berth.model.Compatibility;
import io.berth.model.ContainerCondition;
import io.berth.model.CpuArchitecture;
import io.berth.model.IpcMode;
import io.berth.model.OsFamily;
import io.berth.model.FirelensType;
import io.berth.model.LaunchType;
import io.berth.model.LogDriver;
import io.berth.model.NetworkMode;
import io.berth.model.ResourceType;
import io.berth.model.TargetGroupProtocol;
import io.berth.model.Toggle;
import io.berth.model.TransportProtocol;
import io.berth.model.UlimitName;
import io.berth.model.VolumeScope;
import io.berth.validation.Severity;
import io.berth.validation.UnsupportedSetting;
import io.berth.validation.Violation;
import io.berth.validation.ViolationCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule and way of breaking it: the stack, the code it must produce and the model
 * path that code must name. Valid rows must produce no violation at all.
 */
class ValidationTableTest {

  static Stream<Arguments> invalid() {
    return Stream.of(
        row("family with a blank", ViolationCode.NAME_PATTERN, "taskDefinition[web app]",
            infra -> infra.taskDefinition("web app").container("a", c -> c.image("x:1").memory(64))),
        row("container with a dot", ViolationCode.NAME_PATTERN, "taskDefinition[web].container[a.b]",
            task(t -> t.container("a.b", c -> c.image("x:1").memory(64)))),
        row("cluster declared twice", ViolationCode.DUPLICATE_NAME, "cluster[prod]",
            both(base(c -> { }, t -> { }, s -> { }), infra -> infra.cluster("prod"))),
        row("container declared twice", ViolationCode.DUPLICATE_NAME, "taskDefinition[web].container[app]",
            task(t -> t.container("app", c -> c.image("x:1").memory(64)))),
        row("environment variable set twice", ViolationCode.DUPLICATE_NAME,
            "taskDefinition[web].container[app].environment[MODE]", container(c -> c.env("MODE", "a").env("MODE", "b"))),
        row("secret shadowing a variable", ViolationCode.DUPLICATE_NAME, "taskDefinition[web].container[app].secrets[DB]",
            container(c -> c.env("DB", "plain").secret("DB", "secret/db"))),
        row("no container", ViolationCode.CONTAINER_COUNT, "taskDefinition[lonely]",
            infra -> infra.taskDefinition("lonely")),
        row("eleven containers", ViolationCode.CONTAINER_COUNT, "taskDefinition[web]", task(t -> {
          for (int i = 1; i <= 10; i++) {
            t.container("side" + i, c -> c.image("x:1").memory(16));
          }
        })),
        row("no essential container", ViolationCode.ESSENTIAL_CONTAINER, "taskDefinition[web].container[app].essential",
            container(c -> c.essential(false))),
        row("no image", ViolationCode.IMAGE_REQUIRED, "taskDefinition[web].container[side].image",
            task(t -> t.container("side", c -> c.memory(64)))),
        row("task cpu spelled oddly", ViolationCode.TASK_SIZE, "taskDefinition[web].cpu", task(t -> t.cpu("lots"))),
        row("task cpu below 128", ViolationCode.TASK_SIZE, "taskDefinition[web].cpu", task(t -> t.cpu(64))),
        row("fargate 256 cpu with 4096 MiB", ViolationCode.FARGATE_MEMORY, "taskDefinition[web].memory",
            task(t -> fargate(t).cpu(256).memory(4096))),
        row("fargate cpu size that does not exist", ViolationCode.FARGATE_MEMORY, "taskDefinition[web].cpu",
            task(t -> fargate(t).cpu(768).memory(2048))),
        row("fargate in bridge mode", ViolationCode.FARGATE_REQUIREMENTS, "taskDefinition[web].networkMode",
            task(t -> t.requiresCompatibilities(Compatibility.FARGATE).cpu(256).memory(512))),
        row("fargate without task size", ViolationCode.FARGATE_REQUIREMENTS, "taskDefinition[web]",
            task(t -> fargate(t))),
        row("fargate with a different host port", ViolationCode.FARGATE_REQUIREMENTS,
            "taskDefinition[web].container[side].portMappings[0].hostPort",
            task(t -> fargate(t).cpu(256).memory(512).container("side", c -> c.image("x:1").portMapping(90, 91)))),
        row("reservation not below memory", ViolationCode.MEMORY_RESERVATION,
            "taskDefinition[web].container[app].memoryReservation", container(c -> c.memoryReservation(128))),
        row("no memory anywhere", ViolationCode.CONTAINER_MEMORY_REQUIRED, "taskDefinition[web].container[side].memory",
            task(t -> t.container("side", c -> c.image("x:1")))),
        row("memory below 6 MiB", ViolationCode.CONTAINER_MEMORY_MINIMUM, "taskDefinition[web].container[app].memory",
            container(c -> c.memory(4))),
        row("containers exceed task memory", ViolationCode.TASK_MEMORY_SUM, "taskDefinition[web].memory",
            task(t -> t.memory(200).container("side", c -> c.image("x:1").memory(100)))),
        row("containers exceed task cpu", ViolationCode.TASK_CPU_SUM, "taskDefinition[web].cpu",
            task(t -> t.cpu(256).container("side", c -> c.image("x:1").memory(64).cpu(512)))),
        row("port mapping in none mode", ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[0]",
            task(t -> t.networkMode(NetworkMode.NONE))),
        row("host mode with another host port", ViolationCode.PORT_MAPPING,
            "taskDefinition[web].container[side].portMappings[0].hostPort",
            task(t -> t.networkMode(NetworkMode.HOST).container("side", c -> c.image("x:1").memory(64).portMapping(80, 81)))),
        row("same host port twice", ViolationCode.PORT_MAPPING, "taskDefinition[web].container[side2].portMappings[0].hostPort",
            task(t -> t.container("side", c -> c.image("x:1").memory(64).portMapping(80, 9000))
                .container("side2", c -> c.image("x:1").memory(64).portMapping(81, 9000)))
),
        row("reserved host port", ViolationCode.RESERVED_PORT, "taskDefinition[web].container[app].portMappings[1].hostPort",
            container(c -> c.portMapping(2375, 2375))),
        row("reserved port in host mode", ViolationCode.RESERVED_PORT,
            "taskDefinition[web].container[app].portMappings[1].hostPort",
            base(c -> c.portMapping(22), t -> t.networkMode(NetworkMode.HOST), s -> { })),
        row("dependsOn a missing container", ViolationCode.DEPENDS_ON_TARGET,
            "taskDefinition[web].container[app].dependsOn[ghost]", container(c -> c.dependsOn("ghost", ContainerCondition.START))),
        row("dependsOn itself", ViolationCode.DEPENDS_ON_TARGET, "taskDefinition[web].container[app].dependsOn[app]",
            container(c -> c.dependsOn("app", ContainerCondition.START))),
        row("HEALTHY without a health check", ViolationCode.DEPENDS_ON_CONDITION,
            "taskDefinition[web].container[app].dependsOn[db]", base(c -> c.dependsOn("db", ContainerCondition.HEALTHY),
                t -> t.container("db", c -> c.image("db:1").memory(64)), s -> { })),
        row("SUCCESS on an essential container", ViolationCode.DEPENDS_ON_CONDITION,
            "taskDefinition[web].container[app].dependsOn[init]", base(c -> c.dependsOn("init", ContainerCondition.SUCCESS),
                t -> t.container("init", c -> c.image("init:1").memory(64)), s -> { })),
        row("dependsOn cycle", ViolationCode.DEPENDS_ON_CYCLE, "taskDefinition[web].container[b].dependsOn[app]",
            base(c -> c.dependsOn("b", ContainerCondition.START),
                t -> t.container("b", c -> c.image("b:1").memory(64).dependsOn("app", ContainerCondition.START)), s -> { })),
        row("link to a missing container", ViolationCode.LINK_TARGET, "taskDefinition[web].container[app].links",
            container(c -> c.link("db:database"))),
        row("links outside bridge mode", ViolationCode.LINK_TARGET, "taskDefinition[web].container[app].links",
            base(c -> c.link("db"), t -> t.networkMode(NetworkMode.AWSVPC).container("db", c -> c.image("d:1").memory(64)),
                s -> { })),
        row("mount of an undeclared volume", ViolationCode.VOLUME_REFERENCE,
            "taskDefinition[web].container[app].mountPoints[0]", container(c -> c.mount("data", "/data"))),
        row("volumesFrom a missing container", ViolationCode.VOLUME_REFERENCE,
            "taskDefinition[web].container[app].volumesFrom[0]", container(c -> c.volumesFrom("ghost", true))),
        row("autoprovision on a task-scoped volume", ViolationCode.VOLUME_CONFIGURATION,
            "taskDefinition[web].volume[data].dockerVolumeConfiguration.autoprovision",
            task(t -> t.volume("data", v -> v.scope(VolumeScope.TASK).autoprovision(true)))),
        row("bind volume that is also a docker volume", ViolationCode.VOLUME_CONFIGURATION, "taskDefinition[web].volume[data]",
            task(t -> t.volume("data", v -> v.host("/srv").scope(VolumeScope.SHARED)))),
        row("health check without a command", ViolationCode.HEALTH_CHECK_COMMAND,
            "taskDefinition[web].container[app].healthCheck.command", container(c -> c.healthCheck(h -> h.exec()))),
        row("health check interval 1 s", ViolationCode.HEALTH_CHECK_RANGE,
            "taskDefinition[web].container[app].healthCheck.interval",
            container(c -> c.healthCheck(h -> h.shell("true").interval(1)))),
        row("health check retries 11", ViolationCode.HEALTH_CHECK_RANGE,
            "taskDefinition[web].container[app].healthCheck.retries",
            container(c -> c.healthCheck(h -> h.shell("true").retries(11)))),
        row("stopTimeout 500 s", ViolationCode.TIMEOUT_RANGE, "taskDefinition[web].container[app].stopTimeout",
            container(c -> c.stopTimeout(500))),
        row("ulimit soft above hard", ViolationCode.ULIMIT, "taskDefinition[web].container[app].ulimits[0]",
            container(c -> c.ulimit(UlimitName.NOFILE, 2048, 1024))),
        row("memberOf that does not parse", ViolationCode.MEMBER_OF_SYNTAX, "service[web].placementConstraint[0].expression",
            service(s -> s.constraint(Constraint.memberOf("attribute:ecs.instance-type is t3")))),
        row("empty memberOf on a task definition", ViolationCode.MEMBER_OF_SYNTAX, "taskDefinition[web].placementConstraint[0]",
            task(t -> t.memberOf(" "))),
        row("six placement strategies", ViolationCode.PLACEMENT_LIMITS, "service[web].placementStrategy[5]",
            service(s -> s.placement(p -> p.spread(Field.ZONE).spread(Field.INSTANCE).binpack(Resource.CPU)
                .binpack(Resource.MEMORY).random().random()))),
        row("eleven constraints", ViolationCode.PLACEMENT_LIMITS, "service[web].placementConstraint[10]", service(s -> {
          for (int i = 0; i < 11; i++) {
            s.constraint(Constraint.memberOf("attribute:n" + i + " exists"));
          }
        })),
        row("constraints of service and task definition above ten", ViolationCode.PLACEMENT_LIMITS,
            "service[web].placementConstraint[1]", base(c -> { }, t -> {
              for (int i = 0; i < 9; i++) {
                t.memberOf("attribute:t" + i + " exists");
              }
            }, s -> s.constraint(Constraint.distinctInstance()).constraint(Constraint.distinctInstance()))),
        row("minimumHealthyPercent 150", ViolationCode.DEPLOYMENT_PERCENT,
            "service[web].deploymentConfiguration.minimumHealthyPercent",
            service(s -> s.deployment(d -> d.minimumHealthyPercent(150)))),
        row("deployment with no room", ViolationCode.DEPLOYMENT_PERCENT, "service[web].deploymentConfiguration",
            service(s -> s.deployment(d -> d.maximumPercent(100).minimumHealthyPercent(100)))),
        row("daemon with a desired count", ViolationCode.DAEMON_RULES, "service[web].desiredCount",
            service(s -> s.daemon())),
        row("daemon with a strategy", ViolationCode.DAEMON_RULES, "service[web].placementStrategy[0]",
            service(s -> s.daemon().placement(p -> p.spread(Field.ZONE)))),
        row("daemon with auto scaling", ViolationCode.DAEMON_RULES, "scaling[web]",
            service(s -> s.daemon().autoScaling(a -> a.min(1).max(2)))),
        row("negative desired count", ViolationCode.DESIRED_COUNT, "service[web].desiredCount",
            service(s -> s.desiredCount(-1))),
        row("fargate service on an EC2 task definition", ViolationCode.LAUNCH_TYPE, "service[web].launchType",
            service(s -> s.launchType(LaunchType.FARGATE))),
        row("load balancer on a missing container", ViolationCode.LOAD_BALANCER_TARGET,
            "service[web].loadBalancer[0].containerName", service(s -> s.loadBalancer(lb -> lb.container("ghost", 8080)))),
        row("health check path without a leading slash", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.path", lb(h -> h.path("health"))),
        row("health check matcher outside 200-499", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.matcher", lb(h -> h.path("/health").matcher("200,500"))),
        row("health check matcher that is no code list", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.matcher", lb(h -> h.path("/health").matcher("2xx"))),
        row("health check matcher without a path", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.matcher", lb(h -> h.matcher("200"))),
        row("health check interval of 1 s", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.intervalSeconds", lb(h -> h.interval(1))),
        row("health check timeout of 1 s", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.timeoutSeconds", lb(h -> h.timeout(1))),
        row("health check timeout as long as the interval", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.timeoutSeconds", lb(h -> h.interval(10).timeout(10))),
        row("healthy threshold of 1", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.healthyThresholdCount", lb(h -> h.healthyThreshold(1))),
        row("unhealthy threshold of 11", ViolationCode.TARGET_HEALTH_CHECK,
            "service[web].loadBalancer[0].healthCheck.unhealthyThresholdCount", lb(h -> h.unhealthyThreshold(11))),
        row("deregistration delay of two hours", ViolationCode.DEREGISTRATION_DELAY,
            "service[web].loadBalancer[0].deregistrationDelaySeconds",
            service(s -> s.loadBalancer(lb -> lb.container("app", 8080).deregistrationDelay(7200)))),
        row("two load balancers on one listener port", ViolationCode.LISTENER_PORT, "service[web].loadBalancer[1].listenerPort",
            service(s -> s.loadBalancer(lb -> lb.container("app", 8080).listenerPort(80))
                .loadBalancer(lb -> lb.container("app", 8080).listenerPort(80)))),
        row("load balancer on a udp port", ViolationCode.LOAD_BALANCER_PROTOCOL, "service[web].loadBalancer[0].containerPort",
            base(c -> c.portMapping(53, 0, TransportProtocol.UDP), t -> { },
                s -> s.loadBalancer(lb -> lb.container("app", 53)))),
        row("discovery name with an underscore", ViolationCode.DISCOVERY_NAME, "service[web].serviceRegistry[0].name",
            service(s -> s.serviceDiscovery(sd -> sd.namespace("internal").name("my_api")))),
        row("discovery namespace with an empty label", ViolationCode.DISCOVERY_NAME,
            "service[web].serviceRegistry[0].namespace", service(s -> s.serviceDiscovery(sd -> sd.namespace("shop..local")))),
        row("discovery name of 64 characters", ViolationCode.DISCOVERY_NAME, "service[web].serviceRegistry[0].name",
            service(s -> s.serviceDiscovery(sd -> sd.namespace("internal").name("a".repeat(64))))),
        row("discovery name longer than 253 characters in all", ViolationCode.DISCOVERY_NAME,
            "service[web].serviceRegistry[0].namespace", service(s -> s.serviceDiscovery(sd -> sd.namespace(
                String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(60))).name("api")))),
        row("two services with one discovery name in a cluster", ViolationCode.DISCOVERY_DUPLICATE,
            "service[web2].serviceRegistry[0].name", (StackDefinition) infra -> {
              var prod = infra.cluster("prod");
              var web = infra.taskDefinition("web").container("a", c -> c.image("a:1").memory(64));
              infra.service("web", prod, web).serviceDiscovery(sd -> sd.namespace("internal").name("api"));
              infra.service("web2", prod, web).serviceDiscovery(sd -> sd.namespace("Internal").name("API"));
            }),
        row("two registries on one service", ViolationCode.DISCOVERY_TARGET, "service[web].serviceRegistry[1]",
            service(s -> s.serviceDiscovery(sd -> sd.namespace("internal").name("api"))
                .serviceDiscovery(sd -> sd.namespace("internal").name("api2")))),
        row("SRV port the container does not map", ViolationCode.DISCOVERY_TARGET,
            "service[web].serviceRegistry[0].containerPort",
            service(s -> s.serviceDiscovery(sd -> sd.namespace("internal").container("app", 9999)))),
        row("SRV port on a udp mapping", ViolationCode.DISCOVERY_TARGET, "service[web].serviceRegistry[0].containerPort",
            base(c -> c.portMapping(53, 0, TransportProtocol.UDP), t -> { },
                s -> s.serviceDiscovery(sd -> sd.namespace("internal").container("app", 53)))),
        row("discovery for a task in network mode none", ViolationCode.DISCOVERY_TARGET, "service[web].serviceRegistry[0]",
            base(c -> { }, t -> t.networkMode(NetworkMode.NONE), s -> s.serviceDiscovery(sd -> sd.namespace("internal")))),
        row("load balancer on an unmapped port", ViolationCode.LOAD_BALANCER_TARGET,
            "service[web].loadBalancer[0].containerPort", service(s -> s.loadBalancer(lb -> lb.container("app", 9999)))),
        row("negative grace period", ViolationCode.HEALTH_CHECK_GRACE_PERIOD,
            "service[web].healthCheckGracePeriodSeconds", service(s -> s.healthCheckGracePeriod(-1))),
        row("grace period with no health check to apply it to (warning)", ViolationCode.IGNORED_SETTING,
            "service[web].healthCheckGracePeriodSeconds", (StackDefinition) infra -> infra.service("web",
                infra.cluster("prod"), infra.taskDefinition("web").container("a", c -> c.image("a:1").memory(64)))
                .deployment(d -> d.circuitBreaker(true)).healthCheckGracePeriod(30)),
        row("negative desired count while auto scaling owns the count", ViolationCode.DESIRED_COUNT,
            "service[web].desiredCount", service(s -> s.desiredCount(-4).autoScaling(a -> a.min(1).max(3)))),
        row("scaling min above max", ViolationCode.SCALING_RANGE, "scaling[web].minCapacity",
            service(s -> s.autoScaling(a -> a.min(5).max(2)))),
        row("scheduled min above max", ViolationCode.SCALING_RANGE, "scaling[web].scheduledAction[night]",
            service(s -> s.autoScaling(a -> a.min(1).max(9).scheduled("night", "rate(1 day)", 5, 2)))),
        row("cron with four fields", ViolationCode.SCHEDULE_SYNTAX, "scaling[web].scheduledAction[night].schedule",
            service(s -> s.autoScaling(a -> a.min(1).max(9).scheduled("night", "cron(0 22 * *)", 1, 2)))),
        row("rate with a bad unit", ViolationCode.SCHEDULE_SYNTAX, "scaling[web].scheduledAction[night].schedule",
            service(s -> s.autoScaling(a -> a.min(1).max(9).scheduled("night", "rate(5 weeks)", 1, 2)))),
        row("unknown timezone", ViolationCode.SCHEDULE_SYNTAX, "scaling[web].scheduledAction[night].timezone",
            service(s -> s.autoScaling(a -> a.min(1).max(9).scheduled("night", "cron(0 22 * * ? *)", "Mars/Olympus", 1, 2)))),
        row("target of zero", ViolationCode.TARGET_TRACKING, "scaling[web].targetTracking[cpu]",
            service(s -> s.autoScaling(a -> a.min(1).max(9).targetCpu(0)))),
        row("request count without a load balancer", ViolationCode.TARGET_TRACKING, "scaling[web].targetTracking[requests]",
            service(s -> s.autoScaling(a -> a.min(1).max(9).targetRequestsPerTarget(100)))),
        row("step scaling with a gap", ViolationCode.STEP_SCALING, "scaling[web].stepScaling[burst]",
            service(s -> s.autoScaling(a -> a.min(1).max(9).step("burst", p -> p.above(80).step(0.0, 10.0, 1).step(20.0, null, 3))))),
        row("step scaling with an overlap", ViolationCode.STEP_SCALING, "scaling[web].stepScaling[burst]",
            service(s -> s.autoScaling(a -> a.min(1).max(9).step("burst", p -> p.above(80).step(0.0, 20.0, 1).step(10.0, null, 3))))),
        row("step scaling without steps", ViolationCode.STEP_SCALING, "scaling[web].stepScaling[burst]",
            service(s -> s.autoScaling(a -> a.min(1).max(9).step("burst", p -> p.above(80))))),
        row("statement without resources", ViolationCode.POLICY_STATEMENT, "role[web-task].statements[0]",
            infra -> infra.role("web-task").allow("secrets:Read")),
        row("negative capacity", ViolationCode.CAPACITY, "cluster[edge].capacity[std]",
            infra -> infra.cluster("edge").capacity("std", -1)),
        row("task larger than every declared host", ViolationCode.CAPACITY, "service[web]",
            container(c -> c.memory(8192))),
        row("image without a tag (warning)", ViolationCode.IMAGE_TAG, "taskDefinition[web].container[app].image",
            container(c -> c.image("nginx"))),
        row("image tagged latest (warning)", ViolationCode.IMAGE_TAG, "taskDefinition[web].container[app].image",
            container(c -> c.image("registry:5000/team/nginx:latest"))),
        row("load balancer without health check (warning)", ViolationCode.LOAD_BALANCER_HEALTH_CHECK,
            "service[web].loadBalancer[0]", base(c -> { }, t -> t.container("edge", c -> c.image("e:1").memory(64)
                .portMapping(80)), s -> s.loadBalancer(lb -> lb.container("edge", 80)))),
        row("no circuit breaker (warning)", ViolationCode.CIRCUIT_BREAKER, "service[web].deploymentConfiguration",
            service(s -> s.deployment(d -> d.circuitBreaker(false)))),
        row("password in plain text (warning)", ViolationCode.PLAIN_SECRET,
            "taskDefinition[web].container[app].environment[DB_PASSWORD]", container(c -> c.env("DB_PASSWORD", "hunter2"))),
        row("api key in plain text (warning)", ViolationCode.PLAIN_SECRET,
            "taskDefinition[web].container[app].environment[STRIPE_API_KEY]", container(c -> c.env("STRIPE_API_KEY", "sk"))),
        row("secrets without an execution role (warning)", ViolationCode.SECRETS_EXECUTION_ROLE, "taskDefinition[web]",
            container(c -> c.secret("DB", "secret/db"))),
        row("registry credentials without an execution role (warning)", ViolationCode.SECRETS_EXECUTION_ROLE,
            "taskDefinition[web]", container(c -> c.repositoryCredentials("secret/registry"))),
        row("awsfirelens logging without a router", ViolationCode.FIRELENS,
            "taskDefinition[web].container[app].logConfiguration", container(c -> c.logDriver(LogDriver.AWSFIRELENS))),
        row("a router logging to itself", ViolationCode.FIRELENS, "taskDefinition[web].container[app].logConfiguration",
            container(c -> c.firelensConfiguration(FirelensType.FLUENTBIT).logDriver(LogDriver.AWSFIRELENS))),
        row("two FireLens routers", ViolationCode.FIRELENS, "taskDefinition[web].container[r2].firelensConfiguration",
            task(t -> t.container("r1", c -> c.image("r:1").memory(64).firelensConfiguration(FirelensType.FLUENTBIT))
                .container("r2", c -> c.image("r:1").memory(64).firelensConfiguration(FirelensType.FLUENTD)))),
        row("proxy on a missing container", ViolationCode.PROXY_CONFIGURATION, "taskDefinition[web].proxyConfiguration",
            task(t -> t.networkMode(NetworkMode.AWSVPC).proxyConfiguration("envoy", p -> p.property("AppPorts", "8080")))),
        row("proxy in bridge mode", ViolationCode.PROXY_CONFIGURATION, "taskDefinition[web].proxyConfiguration",
            task(t -> t.proxyConfiguration("app", p -> { }))),
        row("zero GPUs", ViolationCode.RESOURCE_REQUIREMENT, "taskDefinition[web].container[app].resourceRequirements[0]",
            container(c -> c.gpus(0))),
        row("an undeclared inference accelerator", ViolationCode.RESOURCE_REQUIREMENT,
            "taskDefinition[web].container[app].resourceRequirements[0]",
            container(c -> c.resourceRequirement(ResourceType.INFERENCEACCELERATOR, "d1"))),
        row("restart attempt period too short", ViolationCode.RESTART_POLICY,
            "taskDefinition[web].container[app].restartPolicy.restartAttemptPeriod",
            container(c -> c.restartPolicy(r -> r.restartAttemptPeriod(30)))),
        row("credential spec without its prefix", ViolationCode.CREDENTIAL_SPEC,
            "taskDefinition[web].container[app].credentialSpecs[0]", container(c -> c.credentialSpec("arn:aws:ssm:x"))),
        row("two ports with one name", ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[2].name",
            container(c -> c.portMapping(p -> p.containerPort(9000).name("web"))
                .portMapping(p -> p.containerPort(9001).name("web")))),
        row("EFS IAM without transit encryption", ViolationCode.VOLUME_CONFIGURATION,
            "taskDefinition[web].volume[fs].efsVolumeConfiguration.authorizationConfig.iam",
            task(t -> t.efsVolume("fs", "fs-1", e -> e.iam(Toggle.ENABLED)))),
        row("EFS access point with a root directory", ViolationCode.VOLUME_CONFIGURATION,
            "taskDefinition[web].volume[fs].efsVolumeConfiguration.rootDirectory",
            task(t -> t.efsVolume("fs", "fs-1", e -> e.transitEncryption(Toggle.ENABLED).accessPoint("fsap-1")
                .rootDirectory("/data")))));
  }

  /** The rules this change added: one row (at least) per rule. */
  static Stream<Arguments> invalidValues() {
    return Stream.of(
        row("image with a template placeholder", ViolationCode.IMAGE_REFERENCE, "taskDefinition[web].container[app].image",
            container(c -> c.image("local/app:{{ TAG }}"))),
        row("image digest that is not sha256", ViolationCode.IMAGE_REFERENCE, "taskDefinition[web].container[app].image",
            container(c -> c.image("local/app@md5:abc"))),
        row("negative container cpu", ViolationCode.CONTAINER_CPU, "taskDefinition[web].container[app].cpu",
            container(c -> c.cpu(-1))),
        row("a 10 MB environment value", ViolationCode.ENVIRONMENT, "taskDefinition[web].container[app].environment[BLOB]",
            container(c -> c.env("BLOB", "x".repeat(10 * 1024 * 1024)))),
        row("environment name with =", ViolationCode.ENVIRONMENT, "taskDefinition[web].container[app].environment[A=B]",
            container(c -> c.env("A=B", "1"))),
        row("environment file that is not an S3 ARN", ViolationCode.ENVIRONMENT,
            "taskDefinition[web].container[app].environmentFiles[0]", container(c -> c.environmentFile("s3://b/app.env"))),
        row("task definition over 64 KiB", ViolationCode.TASK_DEFINITION_SIZE, "taskDefinition[web]",
            container(c -> c.env("A", "a".repeat(30_000)).env("B", "b".repeat(30_000)).env("C", "c".repeat(30_000)))),
        row("relative mount path", ViolationCode.CONTAINER_PATH, "taskDefinition[web].container[app].mountPoints[0].containerPath",
            base(c -> c.mount("data", "data"), t -> t.volume("data"), s -> { })),
        row("relative working directory", ViolationCode.CONTAINER_PATH,
            "taskDefinition[web].container[app].workingDirectory", container(c -> c.workingDirectory("app"))),
        row("relative bind source", ViolationCode.CONTAINER_PATH, "taskDefinition[web].volume[data].host.sourcePath",
            task(t -> t.bindVolume("data", "srv/data"))),
        row("unknown capability", ViolationCode.LINUX_PARAMETERS,
            "taskDefinition[web].container[app].linuxParameters.capabilities.add",
            container(c -> c.linuxParameters(l -> l.addCapabilities("FLY")))),
        row("swappiness 150", ViolationCode.LINUX_PARAMETERS, "taskDefinition[web].container[app].linuxParameters.swappiness",
            container(c -> c.linuxParameters(l -> l.swap(0, 150)))),
        row("zero-sized tmpfs", ViolationCode.LINUX_PARAMETERS, "taskDefinition[web].container[app].linuxParameters.tmpfs[0].size",
            container(c -> c.linuxParameters(l -> l.tmpfs("/run", 0)))),
        row("swappiness without maxSwap (warning)", ViolationCode.IGNORED_SETTING,
            "taskDefinition[web].container[app].linuxParameters.swappiness",
            container(c -> c.linuxParameters(l -> l.swappiness(10)))),
        row("a kernel parameter outside the namespaces", ViolationCode.SYSTEM_CONTROL,
            "taskDefinition[web].container[app].systemControls[vm.swappiness]",
            container(c -> c.systemControl("vm.swappiness", "10"))),
        row("IPC kernel parameter with ipcMode host", ViolationCode.SYSTEM_CONTROL,
            "taskDefinition[web].container[app].systemControls[kernel.shmmax]",
            base(c -> c.systemControl("kernel.shmmax", "1"), t -> t.ipcMode(IpcMode.HOST), s -> { })),
        row("hostname in awsvpc mode", ViolationCode.NETWORK_MODE, "taskDefinition[web].container[app].hostname",
            base(c -> c.hostname("web"), t -> t.networkMode(NetworkMode.AWSVPC), s -> { })),
        row("extra host in awsvpc mode", ViolationCode.NETWORK_MODE,
            "taskDefinition[web].container[app].extraHosts[db]",
            base(c -> c.extraHost("db", "10.0.0.5"), t -> t.networkMode(NetworkMode.AWSVPC), s -> { })),
        row("network kernel parameter in host mode", ViolationCode.NETWORK_MODE,
            "taskDefinition[web].container[side].systemControls[net.core.somaxconn]", task(t -> t.networkMode(NetworkMode.HOST)
                .container("side", c -> c.image("x:1").memory(64).systemControl("net.core.somaxconn", "1024")))),
        row("DNS server that is a name", ViolationCode.DNS_SETTINGS, "taskDefinition[web].container[app].dnsServers",
            container(c -> c.dns("dns.local"))),
        row("extra host with a bad address", ViolationCode.DNS_SETTINGS,
            "taskDefinition[web].container[app].extraHosts[db].ipAddress", container(c -> c.extraHost("db", "10.0.0"))),
        row("docker security option in docker run's spelling", ViolationCode.DOCKER_SECURITY_OPTION,
            "taskDefinition[web].container[app].dockerSecurityOptions",
            container(c -> c.dockerSecurityOption("seccomp=unconfined"))),
        row("awslogs without group and region", ViolationCode.LOG_CONFIGURATION,
            "taskDefinition[web].container[app].logConfiguration.logDriver", container(c -> c.logDriver(LogDriver.AWSLOGS))),
        row("splunk without a token", ViolationCode.LOG_CONFIGURATION,
            "taskDefinition[web].container[app].logConfiguration.logDriver",
            container(c -> c.logConfiguration(l -> l.driver(LogDriver.SPLUNK).option("splunk-url", "https://s")))),
        row("tag with the reserved aws: prefix", ViolationCode.TAGS, "taskDefinition[web].tags[aws:team]",
            task(t -> t.tag("aws:team", "shop"))),
        row("ephemeral storage of 10 GiB", ViolationCode.EPHEMERAL_STORAGE, "taskDefinition[web].ephemeralStorage",
            task(t -> t.ephemeralStorage(10))),
        row("Windows on ARM64", ViolationCode.RUNTIME_PLATFORM, "taskDefinition[web].runtimePlatform",
            task(t -> t.runtimePlatform(CpuArchitecture.ARM64, OsFamily.WINDOWS_SERVER_2022_CORE))),
        row("privileged on FARGATE", ViolationCode.FARGATE_REQUIREMENTS,
            "taskDefinition[web].container[side].privileged", task(t -> fargate(t).cpu(256).memory(512)
                .container("side", c -> c.image("x:1").privileged(true)))),
        row("FARGATE daemon service", ViolationCode.FARGATE_REQUIREMENTS, "service[web].schedulingStrategy",
            (StackDefinition) infra -> infra.service("web", infra.cluster("prod"),
                fargate(infra.taskDefinition("web")).cpu(256).memory(512).container("a", c -> c.image("a:1")))
                .daemon().launchType(LaunchType.FARGATE).deployment(d -> d.circuitBreaker(true))),
        row("awslogs on FARGATE without a stream prefix", ViolationCode.FARGATE_REQUIREMENTS,
            "taskDefinition[web].container[side].logConfiguration.options[awslogs-stream-prefix]",
            task(t -> fargate(t).cpu(256).memory(512).container("side", c -> c.image("x:1").logConfiguration(l -> l
                .driver(LogDriver.AWSLOGS).option("awslogs-group", "g").option("awslogs-region", "eu-west-1"))))),
        row("EXTERNAL service behind a load balancer", ViolationCode.LAUNCH_TYPE, "service[web].loadBalancer[0]",
            service(s -> s.launchType(LaunchType.EXTERNAL).loadBalancer(lb -> lb.container("app", 8080)))),
        row("six load balancers", ViolationCode.LOAD_BALANCER_TARGET, "service[web].loadBalancer[5]", service(s -> {
          for (int i = 0; i < 6; i++) {
            int listener = 8000 + i;
            s.loadBalancer(lb -> lb.container("app", 8080).listenerPort(listener));
          }
        })),
        row("IAM role ARN with a short account", ViolationCode.ROLE_REFERENCE, "existingRole[arn:aws:iam::123:role/x]",
            infra -> infra.taskDefinition("web").taskRole(infra.existingRole("arn:aws:iam::123:role/x"))
                .container("a", c -> c.image("a:1").memory(64))),
        row("action that is not service:Action", ViolationCode.POLICY_STATEMENT, "role[app].statements[0]",
            infra -> infra.role("app").allow("read secrets", "*")),
        row("a role both declared and existing", ViolationCode.DUPLICATE_NAME, "existingRole[app]",
            infra -> {
              infra.role("app").allow("secrets:Read", "*");
              infra.existingRole("app");
            }),
        row("scheduled action name with a slash", ViolationCode.NAME_PATTERN, "scaling[web].scheduledAction[a/b]",
            service(s -> s.autoScaling(a -> a.min(1).max(3).scheduled("a/b", "rate(1 day)", 1, 2)))),
        row("step unbounded at both ends", ViolationCode.STEP_SCALING, "scaling[web].stepScaling[burst]",
            service(s -> s.autoScaling(a -> a.min(1).max(3).step("burst", p -> p.above(80).step(null, null, 1))))),
        row("target beyond 2^360", ViolationCode.TARGET_TRACKING, "scaling[web].targetTracking[cpu]",
            service(s -> s.autoScaling(a -> a.min(1).max(3).targetCpu(1e300)))),
        row("timezone on a rate schedule (warning)", ViolationCode.IGNORED_SETTING,
            "scaling[web].scheduledAction[often].timezone",
            service(s -> s.autoScaling(a -> a.min(1).max(3).scheduled("often", "rate(5 minutes)", "Europe/Paris", 1, 2)))),
        row("port name in upper case", ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[1].name",
            container(c -> c.portMapping(p -> p.containerPort(9000).name("Admin")))),
        row("container port mapped twice", ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[1]",
            container(c -> c.portMapping(8080, 9090))),
        row("port range in host mode", ViolationCode.PORT_MAPPING,
            "taskDefinition[web].container[side].portMappings[0].containerPortRange", task(t -> t.networkMode(NetworkMode.HOST)
                .container("side", c -> c.image("x:1").memory(64).portMapping(p -> p.containerPortRange("9000-9010"))))),
        row("reserved agent port 51680", ViolationCode.RESERVED_PORT,
            "taskDefinition[web].container[app].portMappings[1].hostPort", container(c -> c.portMapping(9000, 51680))),
        row("EFS transit port 70000", ViolationCode.VOLUME_CONFIGURATION,
            "taskDefinition[web].volume[fs].efsVolumeConfiguration.transitEncryptionPort",
            task(t -> t.efsVolume("fs", "fs-1", e -> e.transitEncryption(Toggle.ENABLED).transitEncryptionPort(70000)))),
        row("ulimit below -1", ViolationCode.ULIMIT, "taskDefinition[web].container[app].ulimits[0]",
            container(c -> c.ulimit(UlimitName.NOFILE, -5, 1024))),
        row("App Mesh proxy without its ports", ViolationCode.PROXY_CONFIGURATION, "taskDefinition[web].proxyConfiguration",
            task(t -> t.networkMode(NetworkMode.AWSVPC).proxyConfiguration("app", p -> p.property("IgnoredUID", "1337")))),
        row("FireLens file type without a value", ViolationCode.FIRELENS,
            "taskDefinition[web].container[app].firelensConfiguration.options[config-file-type]",
            container(c -> c.firelensConfiguration(f -> f.option("config-file-type", "file")))),
        row("link alias with a dot", ViolationCode.LINK_TARGET, "taskDefinition[web].container[app].links",
            base(c -> c.link("db:db.local"), t -> t.container("db", c -> c.image("d:1").memory(64)), s -> { })),
        row("memberOf longer than 2000 characters", ViolationCode.MEMBER_OF_SYNTAX,
            "service[web].placementConstraint[0].expression",
            service(s -> s.constraint(Constraint.memberOf("attribute:a == " + "b".repeat(2000))))),
        row("task cpu above 192 vCPU", ViolationCode.TASK_SIZE, "taskDefinition[web].cpu", task(t -> t.cpu(200_000))));
  }

  static Stream<Arguments> invalidEdits() {
    return Stream.of(
        Arguments.of(Named.of("service on an undeclared cluster", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("services").get(0)).put("cluster", "ghost"))),
            ViolationCode.SERVICE_REFERENCE, "service[web]"),
        Arguments.of(Named.of("service on an undeclared task definition", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("services").get(0)).put("taskDefinition", "ghost"))),
            ViolationCode.SERVICE_REFERENCE, "service[web]"),
        Arguments.of(Named.of("task role not declared", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("taskDefinitions").get(0)).put("taskRoleArn", "arn:berth:iam::role/ghost"))),
            ViolationCode.ROLE_REFERENCE, "taskDefinition[web].taskRoleArn"),
        Arguments.of(Named.of("execution role from elsewhere", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("taskDefinitions").get(0)).put("executionRoleArn", "arn:aws:iam::1:role/x"))),
            ViolationCode.ROLE_REFERENCE, "taskDefinition[web].executionRoleArn"),
        Arguments.of(Named.of("port mapping without a port", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("taskDefinitions").get(0).withArray("containerDefinitions").get(0)
                .withArray("portMappings").get(0)).remove("containerPort"))),
            ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[0]"),
        Arguments.of(Named.of("port range and port together", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("taskDefinitions").get(0).withArray("containerDefinitions").get(0)
                .withArray("portMappings").get(0)).put("containerPortRange", "9000-8000"))),
            ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[0].containerPortRange"),
        Arguments.of(Named.of("port range that is backwards", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> {
              ObjectNode mapping = (ObjectNode) doc.withArray("taskDefinitions").get(0).withArray("containerDefinitions")
                  .get(0).withArray("portMappings").get(0);
              mapping.remove("containerPort");
              mapping.put("containerPortRange", "9000-8000");
            })),
            ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[0].containerPortRange"),
        Arguments.of(Named.of("binpack on disk", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("services").get(0)).putArray("placementStrategy")
                .addObject().put("type", "binpack").put("field", "disk"))),
            ViolationCode.PLACEMENT_STRATEGY, "service[web].placementStrategy[0]"),
        Arguments.of(Named.of("random with a field", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("services").get(0)).putArray("placementStrategy")
                .addObject().put("type", "random").put("field", "cpu"))),
            ViolationCode.PLACEMENT_STRATEGY, "service[web].placementStrategy[0]"),
        Arguments.of(Named.of("distinctInstance with an expression", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> ((ObjectNode) doc.withArray("services").get(0)).putArray("placementConstraints")
                .addObject().put("type", "distinctInstance").put("expression", "x"))),
            ViolationCode.MEMBER_OF_SYNTAX, "service[web].placementConstraint[0]"),
        Arguments.of(Named.of("scaling for an undeclared service", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> doc.putArray("scaling").addObject().put("cluster", "prod").put("service", "ghost")
                .put("minCapacity", 1).put("maxCapacity", 2))),
            ViolationCode.SERVICE_REFERENCE, "scaling[ghost]"),
        Arguments.of(Named.of("stack name with a slash", (Supplier<List<Violation>>) () -> Stacks.validateEdited(
            doc -> doc.put("stack", "a/b"))),
            ViolationCode.NAME_PATTERN, "stack"));
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of(Named.of("the base stack", base(c -> { }, t -> { }, s -> { }))),
        Arguments.of(Named.of("the issue's example stack", (StackDefinition) new ShopStack()))
            ,
        Arguments.of(Named.of("fargate 256/512 in awsvpc", task(t -> fargate(t).cpu(256).memory(512)))),
        Arguments.of(Named.of("fargate 0.5 vCPU / 1 GB", task(t -> fargate(t).cpu("0.5 vCPU").memory("1 GB")))),
        Arguments.of(Named.of("fargate 16384 / 122880 (no service: no host needs to fit it)", (StackDefinition) infra ->
            fargate(infra.taskDefinition("big")).cpu(16384).memory(122880).container("a", c -> c.image("a:1")))),
        Arguments.of(Named.of("host mode with equal ports", task(t -> t.networkMode(NetworkMode.HOST)
            .container("side", c -> c.image("x:1").memory(64).portMapping(81, 81))))),
        Arguments.of(Named.of("bridge with dynamic and fixed ports", container(c -> c.portMapping(9090, 0).portMapping(53, 5353)))),
        Arguments.of(Named.of("dependsOn HEALTHY with a health check", base(c -> c.dependsOn("db", ContainerCondition.HEALTHY),
            t -> t.container("db", c -> c.image("db:1").memory(64).healthCheck(h -> h.exec("pg_isready"))), s -> { }))),
        Arguments.of(Named.of("SUCCESS on a non-essential init container", base(
            c -> c.dependsOn("init", ContainerCondition.SUCCESS),
            t -> t.container("init", c -> c.image("init:1").memory(64).essential(false)), s -> { }))),
        Arguments.of(Named.of("links and volumes that resolve", base(c -> c.link("db:database").mount("data", "/d").volumesFrom("db", true),
            t -> t.volume("data", v -> v.scope(VolumeScope.SHARED).autoprovision(true)).container("db", c -> c.image("d:1").memory(64)),
            s -> { }))),
        Arguments.of(Named.of("a FireLens router and an app logging to it", base(c -> c.logDriver(LogDriver.AWSFIRELENS),
            t -> t.container("router", c -> c.image("fluent-bit:2.1").memory(64).essential(false)
                .firelensConfiguration(f -> f.type(FirelensType.FLUENTBIT).option("enable-ecs-log-metadata", "true"))),
            s -> { }))),
        Arguments.of(Named.of("App Mesh proxy, EFS, accelerator, restart policy, named port", base(
            c -> c.resourceRequirement(ResourceType.INFERENCEACCELERATOR, "d1").mount("fs", "/fs")
                .restartPolicy(r -> r.ignoredExitCodes(0).restartAttemptPeriod(60))
                .portMapping(p -> p.containerPort(9000).name("admin"))
                .credentialSpec("credentialspecdomainless:arn:aws:s3:::bucket/spec.json"),
            t -> t.networkMode(NetworkMode.AWSVPC).inferenceAccelerator("d1", "eia2.medium")
                .efsVolume("fs", "fs-1", e -> e.transitEncryption(Toggle.ENABLED).accessPoint("fsap-1").iam(Toggle.ENABLED))
                .proxyConfiguration("envoy", p -> p.property("AppPorts", "8080").property("IgnoredUID", "1337")
                    .property("ProxyIngressPort", "15000").property("ProxyEgressPort", "15001"))
                .container("envoy", c -> c.image("envoy:1.27").memory(64).user("1337")),
            s -> { }))),
        Arguments.of(Named.of("load balancer health check at ELB's bounds", service(s -> s
            .loadBalancer(lb -> lb.container("app", 8080).listenerPort(80).protocol(TargetGroupProtocol.HTTP)
                .healthCheck(h -> h.path("/health").matcher("200-299,302").interval(5).timeout(2).healthyThreshold(2)
                    .unhealthyThreshold(10)).deregistrationDelay(0))
            .loadBalancer(lb -> lb.container("app", 8080).listenerPort(81).protocol(TargetGroupProtocol.TCP)
                .healthCheck(h -> h.interval(300).timeout(120).healthyThreshold(10).unhealthyThreshold(2))
                .deregistrationDelay(3600))))),
        Arguments.of(Named.of("service discovery with and without an SRV container port", (StackDefinition) infra -> {
          var prod = infra.cluster("prod");
          var web = infra.taskDefinition("web").container("app", c -> c.image("a:1").memory(64).portMapping(8080)
              .healthCheck(h -> h.shell("true")));
          infra.service("web", prod, web).deployment(d -> d.circuitBreaker(true))
              .serviceDiscovery(sd -> sd.namespace("shop.internal").name("api").container("app", 8080));
          infra.service("api", prod, web).deployment(d -> d.circuitBreaker(true))
              .serviceDiscovery(sd -> sd.namespace("internal"));
          infra.service("other", infra.cluster("test"), web).deployment(d -> d.circuitBreaker(true))
              .serviceDiscovery(sd -> sd.namespace("internal").name("api")); // another cluster: its own names
        })),
        Arguments.of(Named.of("health check at the bounds", container(c -> c.healthCheck(h -> h.shell("true")
            .interval(300).timeout(2).retries(10).startPeriod(0))))),
        Arguments.of(Named.of("daemon with ECS defaults", (StackDefinition) infra -> infra.service("agent",
            infra.cluster("prod"), infra.taskDefinition("agent").container("a", c -> c.image("a:1").memory(64))).daemon()
            .deployment(d -> d.circuitBreaker(true)))),
        Arguments.of(Named.of("scaling with every policy kind", service(s -> s.loadBalancer(lb -> lb.container("app", 8080))
            .healthCheckGracePeriod(30).autoScaling(a -> a.min(1).max(9).targetCpu(60).targetMemory(70)
                .targetRequestsPerTarget(100)
                .step("burst", p -> p.above(80).step(0.0, 10.0, 1).step(10.0, null, 3))
                .scheduled("night", "cron(0 22 * * ? *)", 1, 2)
                .scheduled("once", "at(2026-12-31T22:00:00)", "Europe/Paris", 2, 4)
                .scheduled("often", "rate(5 minutes)", 1, 9))))),
        Arguments.of(Named.of("placement at the limits", service(s -> s.placement(p -> p.spread(Field.ZONE)
            .spreadByAttribute("rack").binpack(Resource.CPU).binpack(Resource.MEMORY).random())
            .constraint(Constraint.distinctInstance())
            .constraint(Constraint.memberOf("attribute:ecs.availability-zone in [zone-a, zone-b]"))))),
        Arguments.of(Named.of("grace period without a load balancer (applies to container health checks)",
            service(s -> s.healthCheckGracePeriod(60)))),
        Arguments.of(Named.of("a 255-character family", (StackDefinition) infra ->
            infra.taskDefinition("f".repeat(255)).container("a", c -> c.image("a:1").memory(64)))),
        Arguments.of(Named.of("existing roles by ARN and a cluster by name", (StackDefinition) infra -> {
          var exec = infra.existingRole("arn:aws:iam::123456789012:role/service-role/ecsTaskExecutionRole");
          var web = infra.taskDefinition("web").executionRole(exec).taskRole(infra.existingRole("shared-task"))
              .container("app", c -> c.image("a:1").memory(64).secret("DB", "secret/db"));
          infra.service("web", infra.existingCluster("shared"), web).deployment(d -> d.circuitBreaker(true));
        })),
        Arguments.of(Named.of("unlimited memlock, IPv6 DNS, tmpfs with a mode", container(c -> c
            .ulimit(UlimitName.MEMLOCK, -1, -1).dns("fd00::2", "10.0.0.2").extraHost("db", "10.0.0.5")
            .linuxParameters(l -> l.tmpfs("/run", 64, "rw", "mode=1777").addCapabilities("CAP_NET_ADMIN"))
            .systemControl("net.core.somaxconn", "1024").dockerSecurityOption("no-new-privileges")
            .workingDirectory("/app")))),
        Arguments.of(Named.of("roles in all three uses", (StackDefinition) infra -> {
          var agent = infra.role("agent").allow("berth:Poll", "*");
          var exec = infra.role("exec").allow(List.of("secrets:Read"), List.of("secret/db")).deny("secrets:Write", "*");
          var prod = infra.cluster("prod").instanceRole(agent).capacity("std", 1);
          var web = infra.taskDefinition("web").taskRole(exec).executionRole(exec)
              .container("app", c -> c.image("a:1").memory(64).secret("DB", "secret/db"));
          infra.service("web", prod, web).deployment(d -> d.circuitBreaker(true));
        })));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"invalid", "invalidValues"})
  void eachBrokenRuleIsReportedWithItsCodeAndPath(StackDefinition stack, ViolationCode code, String path) {
    List<Violation> violations = Stacks.validate(stack);
    assertThat(violations).as("violations").anySatisfy(v -> {
      assertThat(v.code()).isEqualTo(code.code());
      assertThat(v.path()).isEqualTo(path);
      assertThat(v.severity()).isEqualTo(code.severity());
    });
    Violation found = violations.stream().filter(v -> v.code().equals(code.code())).findFirst().orElseThrow();
    assertThat(found.message()).isNotBlank();
    assertThat(found.location()).as("DSL rows know their call site").isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEdits")
  void brokenReferencesOutsideTheDslAreReported(Supplier<List<Violation>> validation, ViolationCode code, String path) {
    assertThat(validation.get()).anySatisfy(v -> {
      assertThat(v.code()).isEqualTo(code.code());
      assertThat(v.path()).isEqualTo(path);
    });
  }

  /** Valid stacks get no violation at all, except the warnings about settings Berth's runtime does not run yet. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validStacksHaveNoViolations(StackDefinition stack) {
    Set<String> runtimeWarnings = new HashSet<>();
    for (UnsupportedSetting setting : UnsupportedSetting.values()) {
      runtimeWarnings.add(setting.code());
    }
    assertThat(Stacks.validate(stack)).filteredOn(v -> !runtimeWarnings.contains(v.code())).isEmpty();
  }

  @Test
  void everyRuleHasAnInvalidRow() {
    Set<ViolationCode> covered = new HashSet<>();
    invalid().forEach(a -> covered.add((ViolationCode) a.get()[1]));
    invalidValues().forEach(a -> covered.add((ViolationCode) a.get()[1]));
    invalidEdits().forEach(a -> covered.add((ViolationCode) a.get()[1]));
    assertThat(covered).containsExactlyInAnyOrder(ViolationCode.values());
  }

  @Test
  void allViolationsAreReportedAtOnce() {
    List<Violation> violations = Stacks.validate(container(c -> c.memory(4).memoryReservation(64).stopTimeout(0)
        .healthCheck(h -> h.shell("true").interval(1).timeout(100))));
    assertThat(violations).extracting(Violation::code).contains("BerthMemoryReservation", "BerthContainerMemoryMinimum",
        "BerthTimeoutRange", "BerthHealthCheckRange");
    assertThat(violations.stream().filter(v -> v.code().equals("BerthHealthCheckRange")).count()).isEqualTo(2);
    assertThat(violations).allSatisfy(v -> assertThat(v.severity()).isEqualTo(Severity.ERROR));
  }

  /** The stack's service behind a load balancer with health check {@code check}. */
  private static StackDefinition lb(java.util.function.Consumer<io.berth.dsl.TargetHealthCheckSpec> check) {
    return service(s -> s.loadBalancer(lb -> lb.container("app", 8080).healthCheck(check)));
  }

  private static TaskDefinition fargate(TaskDefinition t) {
    return t.requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC);
  }

  private static StackDefinition both(StackDefinition first, StackDefinition second) {
    return infra -> {
      first.define(infra);
      second.define(infra);
    };
  }

  private static Arguments row(String name, ViolationCode code, String path, StackDefinition stack) {
    return Arguments.of(Named.of(name, stack), code, path);
  }
}
