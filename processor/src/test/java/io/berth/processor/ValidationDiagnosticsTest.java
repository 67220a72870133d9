package io.berth.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.berth.validation.Severity;
import io.berth.validation.UnsupportedSetting;
import io.berth.validation.ViolationCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule reachable from the DSL, as a compile error (or warning) at the line of the
 * DSL call that broke it: one row per rule, each a deliberately broken stack, asserting the rule's
 * id, the model path, the file and the line.
 */
class ValidationDiagnosticsTest {

  /** The rule the DSL's types make impossible to break: a service takes cluster and task definition handles. */
  static final Set<ViolationCode> UNREACHABLE_FROM_THE_DSL = EnumSet.of(
      ViolationCode.SERVICE_REFERENCE);

  private static final String OK_CONTAINER = "c -> c.image(\"local/app:1\").memory(128)";

  static Stream<Arguments> rules() {
    return Stream.of(
        row(ViolationCode.NAME_PATTERN, "taskDefinition[bad name]", "infra.taskDefinition(\"bad name\")",
            "infra.taskDefinition(\"bad name\").container(\"app\", " + OK_CONTAINER + ");"),
        row(ViolationCode.DUPLICATE_NAME, "cluster[prod]", "Cluster second",
            "Cluster first = infra.cluster(\"prod\");",
            "Cluster second = infra.cluster(\"prod\");"),
        row(ViolationCode.CONTAINER_COUNT, "taskDefinition[web]", "infra.taskDefinition(\"web\")",
            "infra.taskDefinition(\"web\");"),
        row(ViolationCode.ESSENTIAL_CONTAINER, "taskDefinition[web].container[app].essential", ".essential(false)",
            "infra.taskDefinition(\"web\")",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(128).essential(false));"),
        row(ViolationCode.IMAGE_REQUIRED, "taskDefinition[web].container[app].image", ".container(\"app\"",
            "infra.taskDefinition(\"web\")",
            "    .container(\"app\", c -> c.memory(128));"),
        row(ViolationCode.TASK_SIZE, "taskDefinition[web].cpu", ".cpu(\"lots\")",
            "infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")",
            "    .cpu(\"lots\");"),
        row(ViolationCode.FARGATE_MEMORY, "taskDefinition[web].memory", ".memory(4096)",
            "infra.taskDefinition(\"web\").networkMode(NetworkMode.AWSVPC)",
            "    .requiresCompatibilities(Compatibility.FARGATE).cpu(256)",
            "    .memory(4096)",
            "    .container(\"app\", " + OK_CONTAINER + ");"),
        row(ViolationCode.FARGATE_REQUIREMENTS, "taskDefinition[web].networkMode", ".networkMode(NetworkMode.BRIDGE)",
            "infra.taskDefinition(\"web\").requiresCompatibilities(Compatibility.FARGATE).cpu(256).memory(512)",
            "    .networkMode(NetworkMode.BRIDGE)",
            "    .container(\"app\", " + OK_CONTAINER + ");"),
        row(ViolationCode.MEMORY_RESERVATION, "taskDefinition[web].container[app].memoryReservation",
            ".memoryReservation(256)",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .memoryReservation(256));"),
        row(ViolationCode.CONTAINER_MEMORY_REQUIRED, "taskDefinition[web].container[app].memory", ".container(\"app\"",
            "infra.taskDefinition(\"web\")",
            "    .container(\"app\", c -> c.image(\"local/app:1\"));"),
        row(ViolationCode.CONTAINER_MEMORY_MINIMUM, "taskDefinition[web].container[app].memory", ".memory(4)",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\")",
            "    .memory(4));"),
        row(ViolationCode.TASK_MEMORY_SUM, "taskDefinition[web].memory", ".memory(256)",
            "infra.taskDefinition(\"web\")",
            "    .memory(256)",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(512));"),
        row(ViolationCode.TASK_CPU_SUM, "taskDefinition[web].cpu", ".cpu(256)",
            "infra.taskDefinition(\"web\")",
            "    .cpu(256)",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(128).cpu(512));"),
        row(ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[0].hostPort", ".portMapping(80, 8080)",
            "infra.taskDefinition(\"web\").networkMode(NetworkMode.AWSVPC)",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "        .portMapping(80, 8080));"),
        row(ViolationCode.RESERVED_PORT, "taskDefinition[web].container[app].portMappings[0].hostPort", ".portMapping(80, 22)",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .portMapping(80, 22));"),
        row(ViolationCode.DEPENDS_ON_TARGET, "taskDefinition[web].container[app].dependsOn[ghost]", ".dependsOn(\"ghost\"",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .dependsOn(\"ghost\", ContainerCondition.START));"),
        row(ViolationCode.DEPENDS_ON_CONDITION, "taskDefinition[web].container[app].dependsOn[db]",
            ".dependsOn(\"db\", ContainerCondition.HEALTHY)",
            "infra.taskDefinition(\"web\")",
            "    .container(\"db\", " + OK_CONTAINER + ")",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "        .dependsOn(\"db\", ContainerCondition.HEALTHY));"),
        row(ViolationCode.DEPENDS_ON_CYCLE, "taskDefinition[web].container[b].dependsOn[a]", ".container(\"b\"",
            "infra.taskDefinition(\"web\")",
            "    .container(\"a\", c -> c.image(\"local/app:1\").memory(64).dependsOn(\"b\", ContainerCondition.START))",
            "    .container(\"b\", c -> c.image(\"local/app:1\").memory(64).dependsOn(\"a\", ContainerCondition.START));"),
        row(ViolationCode.LINK_TARGET, "taskDefinition[web].container[app].links", ".link(\"ghost\")",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .link(\"ghost\"));"),
        row(ViolationCode.VOLUME_REFERENCE, "taskDefinition[web].container[app].mountPoints[0]", ".mount(\"ghost\"",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .mount(\"ghost\", \"/data\"));"),
        row(ViolationCode.VOLUME_CONFIGURATION, "taskDefinition[web].volume[data].dockerVolumeConfiguration.autoprovision",
            ".autoprovision(true)",
            "infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")",
            "    .volume(\"data\", v -> v.scope(VolumeScope.TASK)",
            "        .autoprovision(true));"),
        row(ViolationCode.HEALTH_CHECK_COMMAND, "taskDefinition[web].container[app].healthCheck.command",
            ".healthCheck(h -> h.interval(10))",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .healthCheck(h -> h.interval(10)));"),
        row(ViolationCode.HEALTH_CHECK_RANGE, "taskDefinition[web].container[app].healthCheck.interval", ".interval(1)",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .healthCheck(h -> h.shell(\"true\")",
            "        .interval(1)));"),
        row(ViolationCode.TIMEOUT_RANGE, "taskDefinition[web].container[app].stopTimeout", ".stopTimeout(500)",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .stopTimeout(500));"),
        row(ViolationCode.ULIMIT, "taskDefinition[web].container[app].ulimits[0]", ".ulimit(UlimitName.NOFILE",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .ulimit(UlimitName.NOFILE, 2048, 1024));"),
        row(ViolationCode.MEMBER_OF_SYNTAX, "service[web].placementConstraint[0].expression", ".constraint(Constraint.memberOf",
            service(".constraint(Constraint.memberOf(\"attribute:zone ==\"))")),
        row(ViolationCode.PLACEMENT_LIMITS, "service[web].placementStrategy[5]", ".placement(p -> p.random()",
            service(".placement(p -> p.random().random().random().random().random().random())")),
        row(ViolationCode.PLACEMENT_STRATEGY, "service[web].placementStrategy[0]", ".spreadByAttribute(\"\")",
            service(".placement(p -> p.spreadByAttribute(\"\"))")),
        row(ViolationCode.DEPLOYMENT_PERCENT, "service[web].deploymentConfiguration.minimumHealthyPercent",
            "d.minimumHealthyPercent(150)",
            service(".deployment(d -> d.minimumHealthyPercent(150))")),
        row(ViolationCode.DAEMON_RULES, "service[web].desiredCount", ".desiredCount(2)",
            service(".daemon()", ".desiredCount(2)")),
        row(ViolationCode.DESIRED_COUNT, "service[web].desiredCount", ".desiredCount(-1)",
            service(".desiredCount(-1)")),
        row(ViolationCode.LAUNCH_TYPE, "service[web].launchType", ".launchType(LaunchType.FARGATE)",
            service(".launchType(LaunchType.FARGATE)")),
        row(ViolationCode.LOAD_BALANCER_TARGET, "service[web].loadBalancer[0].containerName", ".container(\"ghost\", 80))",
            service(".loadBalancer(lb -> lb.listenerPort(80)", "    .container(\"ghost\", 80))")),
        row(ViolationCode.TARGET_HEALTH_CHECK, "service[web].loadBalancer[0].healthCheck.path", ".path(\"health\")",
            service(".loadBalancer(lb -> lb.container(\"app\", 8080).healthCheck(h -> h",
                "    .path(\"health\")))")),
        row(ViolationCode.DEREGISTRATION_DELAY, "service[web].loadBalancer[0].deregistrationDelaySeconds",
            ".deregistrationDelay(7200)", service(".loadBalancer(lb -> lb.container(\"app\", 8080)",
                "    .deregistrationDelay(7200))")),
        row(ViolationCode.LISTENER_PORT, "service[web].loadBalancer[0].listenerPort", ".listenerPort(80 + 8000)",
            "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\")"
                + ".memory(128).portMapping(8080));",
            "infra.service(\"api\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .loadBalancer(lb -> lb.container(\"app\", 8080).listenerPort(8000 + 80));",
            "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .loadBalancer(lb -> lb.container(\"app\", 8080)",
            "        .listenerPort(80 + 8000));"),
        row(ViolationCode.LOAD_BALANCER_PROTOCOL, "service[web].loadBalancer[0].containerPort", ".container(\"app\", 53)",
            "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\")"
                + ".memory(128).portMapping(53, 0, TransportProtocol.UDP));",
            "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true)).loadBalancer(lb -> lb",
            "    .container(\"app\", 53));"),
        row(ViolationCode.DISCOVERY_NAME, "service[web].serviceRegistry[0].name", ".name(\"my_api\")",
            "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ");",
            "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .serviceDiscovery(sd -> sd.namespace(\"internal\")",
            "        .name(\"my_api\"));"),
        row(ViolationCode.DISCOVERY_DUPLICATE, "service[web].serviceRegistry[0].name", ".name(\"api\"));",
            "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ");",
            "infra.service(\"api\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .serviceDiscovery(sd -> sd.namespace(\"internal\").name(\"api\")",
            "    );",
            "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .serviceDiscovery(sd -> sd.namespace(\"internal\")",
            "        .name(\"api\"));"),
        row(ViolationCode.DISCOVERY_TARGET, "service[web].serviceRegistry[1]", ".serviceDiscovery(sd -> sd.namespace(\"b\"))",
            "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ");",
            "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .serviceDiscovery(sd -> sd.namespace(\"a\"))",
            "    .serviceDiscovery(sd -> sd.namespace(\"b\"));"),
        row(ViolationCode.HEALTH_CHECK_GRACE_PERIOD, "service[web].healthCheckGracePeriodSeconds",
            ".healthCheckGracePeriod(-30)", service(".healthCheckGracePeriod(-30)")),
        row(ViolationCode.IGNORED_SETTING, "service[web].healthCheckGracePeriodSeconds",
            ".healthCheckGracePeriod(30)", service(".healthCheckGracePeriod(30)")),
        row(ViolationCode.SCALING_RANGE, "scaling[web].minCapacity", "a.min(5).max(2)",
            service(".autoScaling(a -> a.min(5).max(2))")),
        row(ViolationCode.SCHEDULE_SYNTAX, "scaling[web].scheduledAction[nightly].schedule", "\"every night\"",
            service(".autoScaling(a -> a.min(1).max(3).scheduled(\"nightly\", \"every night\", 1, 2))")),
        row(ViolationCode.TARGET_TRACKING, "scaling[web].targetTracking[cpu]", ".targetCpu(-5)",
            service(".autoScaling(a -> a.min(1).max(3).targetCpu(-5))")),
        row(ViolationCode.STEP_SCALING, "scaling[web].stepScaling[burst].cooldown", ".cooldown(-1)",
            service(".autoScaling(a -> a.min(1).max(3).step(\"burst\", s -> s.above(80).step(0.0, null, 1)",
                "    .cooldown(-1)))")),
        row(ViolationCode.STEP_SCALING, "scaling[web].stepScaling[burst]", ".step(\"burst\"",
            service(".autoScaling(a -> a.min(1).max(3).step(\"burst\", s -> s.above(80)",
                "    .step(0.0, 20.0, 1).step(10.0, null, 2)))")),
        row(ViolationCode.POLICY_STATEMENT, "role[app].statements[0]", ".allow(\"secrets:Read\")",
            "infra.role(\"app\").allow(\"secrets:Read\");"),
        row(ViolationCode.CAPACITY, "cluster[prod].capacity[std]", ".capacity(\"std\", -1)",
            "infra.cluster(\"prod\").capacity(\"std\", -1);"),
        row(ViolationCode.IMAGE_TAG, "taskDefinition[web].container[app].image", ".image(\"nginx\")",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.memory(128)",
            "    .image(\"nginx\"));"),
        row(ViolationCode.LOAD_BALANCER_HEALTH_CHECK, "service[web].loadBalancer[0]", ".loadBalancer(",
            service(".loadBalancer(lb -> lb.container(\"app\", 8080).listenerPort(80))")),
        row(ViolationCode.CIRCUIT_BREAKER, "service[web].deploymentConfiguration", "infra.service(\"web\"",
            "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ");",
            "infra.service(\"web\", prod, web);"),
        row(ViolationCode.PLAIN_SECRET, "taskDefinition[web].container[app].environment[DB_PASSWORD]",
            ".env(\"DB_PASSWORD\"",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .env(\"DB_PASSWORD\", \"hunter2\"));"),
        row(ViolationCode.FIRELENS, "taskDefinition[web].container[app].logConfiguration", ".logDriver(LogDriver.AWSFIRELENS)",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .logDriver(LogDriver.AWSFIRELENS));"),
        row(ViolationCode.PROXY_CONFIGURATION, "taskDefinition[web].proxyConfiguration", ".proxyConfiguration(\"envoy\"",
            "infra.taskDefinition(\"web\").networkMode(NetworkMode.AWSVPC).container(\"app\", " + OK_CONTAINER + ")",
            "    .proxyConfiguration(\"envoy\", p -> p.property(\"AppPorts\", \"8080\"));"),
        row(ViolationCode.RESOURCE_REQUIREMENT, "taskDefinition[web].container[app].resourceRequirements[0]",
            ".resourceRequirement(ResourceType.INFERENCEACCELERATOR",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .resourceRequirement(ResourceType.INFERENCEACCELERATOR, \"device_1\"));"),
        row(ViolationCode.RESTART_POLICY, "taskDefinition[web].container[app].restartPolicy.restartAttemptPeriod",
            ".restartAttemptPeriod(5)",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .restartPolicy(r -> r.ignoredExitCodes(0)",
            "        .restartAttemptPeriod(5)));"),
        row(ViolationCode.CREDENTIAL_SPEC, "taskDefinition[web].container[app].credentialSpecs[0]", ".credentialSpec(",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .credentialSpec(\"arn:aws:ssm:us-east-1:1:parameter/spec\"));"),
        row(ViolationCode.VOLUME_CONFIGURATION, "taskDefinition[web].volume[fs].efsVolumeConfiguration.authorizationConfig.iam",
            ".iam(Toggle.ENABLED)",
            "infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")",
            "    .efsVolume(\"fs\", \"fs-1\", e -> e.rootDirectory(\"/\")",
            "        .iam(Toggle.ENABLED));"),
        row(ViolationCode.PORT_MAPPING, "taskDefinition[web].container[app].portMappings[1].name", ".name(\"web\")))",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .portMapping(p -> p.containerPort(80).name(\"web\"))",
            "    .portMapping(p -> p.containerPort(81)",
            "        .name(\"web\")));"),
        row(ViolationCode.SECRETS_EXECUTION_ROLE, "taskDefinition[web]", "infra.taskDefinition(\"web\")",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .secret(\"DB_PASSWORD\", \"secret/shop/db\"));"),
        containerRow(ViolationCode.IMAGE_REFERENCE, "image", ".image(\"local/app:{{TAG}}\")"),
        containerRow(ViolationCode.CONTAINER_CPU, "cpu", ".cpu(-256)"),
        containerRow(ViolationCode.ENVIRONMENT, "environment[BLOB]", ".env(\"BLOB\", \"x\".repeat(10 * 1024 * 1024))"),
        row(ViolationCode.TASK_DEFINITION_SIZE, "taskDefinition[web]", "infra.taskDefinition(\"web\")",
            "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
            "    .env(\"A\", \"a\".repeat(30000)).env(\"B\", \"b\".repeat(30000)).env(\"C\", \"c\".repeat(30000)));"),
        containerRow(ViolationCode.CONTAINER_PATH, "workingDirectory", ".workingDirectory(\"app\")"),
        containerRow(ViolationCode.LINUX_PARAMETERS, "linuxParameters.swappiness", ".swappiness(150)",
            ".linuxParameters(l -> l.maxSwap(0)", "    .swappiness(150))"),
        containerRow(ViolationCode.SYSTEM_CONTROL, "systemControls[vm.swappiness]", ".systemControl(\"vm.swappiness\"",
            ".systemControl(\"vm.swappiness\", \"10\")"),
        containerRow(ViolationCode.DNS_SETTINGS, "dnsServers", ".dns(\"dns.local\")"),
        containerRow(ViolationCode.DOCKER_SECURITY_OPTION, "dockerSecurityOptions",
            ".dockerSecurityOption(\"seccomp=unconfined\")"),
        containerRow(ViolationCode.LOG_CONFIGURATION, "logConfiguration.logDriver", ".logDriver(LogDriver.AWSLOGS)"),
        row(ViolationCode.TAGS, "taskDefinition[web].tags[aws:team]", ".tag(\"aws:team\"",
            "infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")",
            "    .tag(\"aws:team\", \"shop\");"),
        row(ViolationCode.EPHEMERAL_STORAGE, "taskDefinition[web].ephemeralStorage", ".ephemeralStorage(10)",
            "infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")",
            "    .ephemeralStorage(10);"),
        row(ViolationCode.RUNTIME_PLATFORM, "taskDefinition[web].runtimePlatform", ".runtimePlatform(",
            "infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")",
            "    .runtimePlatform(CpuArchitecture.ARM64, OsFamily.WINDOWS_SERVER_2022_CORE);"),
        row(ViolationCode.ROLE_REFERENCE, "existingRole[arn:aws:iam::1:role/x]", "infra.existingRole(",
            "RoleReference exec = infra.existingRole(\"arn:aws:iam::1:role/x\");",
            "infra.taskDefinition(\"web\").executionRole(exec).container(\"app\", " + OK_CONTAINER + ");"),
        containerRow(ViolationCode.IGNORED_SETTING, "linuxParameters.swappiness", ".swappiness(10)",
            ".linuxParameters(l -> l", "    .swappiness(10))"));
  }

  /** The DSL calls of a rule that several calls break together: the one that completed it, and another that took part. */
  static Stream<Arguments> multiCallRules() {
    return Stream.of(
        multi(ViolationCode.ESSENTIAL_CONTAINER, "taskDefinition[web].container[b].essential", ".essential(false));",
            ".memory(64).essential(false))", "infra.taskDefinition(\"web\")",
            "    .container(\"a\", c -> c.image(\"local/app:1\").memory(64).essential(false))",
            "    .container(\"b\", c -> c.image(\"local/app:1\").memory(64)",
            "        .essential(false));"),
        multi(ViolationCode.DEPENDS_ON_CYCLE, "taskDefinition[web].container[c].dependsOn[a]",
            ".dependsOn(\"a\", ContainerCondition.START));", ".dependsOn(\"b\", ContainerCondition.START))",
            "infra.taskDefinition(\"web\")",
            "    .container(\"a\", c -> c.image(\"local/app:1\").memory(64)",
            "        .dependsOn(\"b\", ContainerCondition.START))",
            "    .container(\"b\", c -> c.image(\"local/app:1\").memory(64)",
            "        .dependsOn(\"c\", ContainerCondition.START))",
            "    .container(\"c\", c -> c.image(\"local/app:1\").memory(64)",
            "        .dependsOn(\"a\", ContainerCondition.START));"),
        multi(ViolationCode.FARGATE_REQUIREMENTS, "taskDefinition[web].container[app].privileged", ".privileged(true)",
            ".requiresCompatibilities(Compatibility.FARGATE)",
            "infra.taskDefinition(\"web\").networkMode(NetworkMode.AWSVPC).cpu(256).memory(512)",
            "    .requiresCompatibilities(Compatibility.FARGATE)",
            "    .container(\"app\", c -> c.image(\"local/app:1\")",
            "        .privileged(true));"),
        multi(ViolationCode.NETWORK_MODE, "taskDefinition[web].container[app].hostname", ".hostname(\"web\")",
            ".networkMode(NetworkMode.AWSVPC)", "infra.taskDefinition(\"web\")",
            "    .networkMode(NetworkMode.AWSVPC)",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(64)",
            "        .hostname(\"web\"));"),
        multi(ViolationCode.SYSTEM_CONTROL, "taskDefinition[web].container[app].systemControls[kernel.shmmax]",
            ".systemControl(\"kernel.shmmax\"", ".ipcMode(IpcMode.HOST)", "infra.taskDefinition(\"web\")",
            "    .ipcMode(IpcMode.HOST)",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(64)",
            "        .systemControl(\"kernel.shmmax\", \"1\"));"),
        multi(ViolationCode.PROXY_CONFIGURATION, "taskDefinition[web].proxyConfiguration", ".proxyConfiguration(",
            ".networkMode(NetworkMode.BRIDGE)", "infra.taskDefinition(\"web\")",
            "    .networkMode(NetworkMode.BRIDGE)",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(64))",
            "    .proxyConfiguration(\"app\", p -> p.property(\"AppPorts\", \"80\").property(\"IgnoredUID\", \"1\")"
                + ".property(\"ProxyIngressPort\", \"1\").property(\"ProxyEgressPort\", \"2\"));"),
        multi(ViolationCode.LAUNCH_TYPE, "service[web].launchType", ".launchType(LaunchType.FARGATE)",
            ".requiresCompatibilities(Compatibility.EC2)", "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")",
            "    .requiresCompatibilities(Compatibility.EC2);",
            "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .launchType(LaunchType.FARGATE);"),
        multi(ViolationCode.DAEMON_RULES, "service[web].desiredCount", ".desiredCount(2)", ".daemon()",
            "Cluster prod = infra.cluster(\"prod\");",
            "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ");",
            "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true))",
            "    .daemon()",
            "    .desiredCount(2);"),
        multi(ViolationCode.MEMORY_RESERVATION, "taskDefinition[web].container[app].memoryReservation",
            ".memoryReservation(256)", ".memory(128)", "infra.taskDefinition(\"web\")",
            "    .container(\"app\", c -> c.image(\"local/app:1\")",
            "        .memory(128)",
            "        .memoryReservation(256));"),
        multi(ViolationCode.TASK_MEMORY_SUM, "taskDefinition[web].memory", ".memory(256)", ".memory(512)",
            "infra.taskDefinition(\"web\")",
            "    .memory(256)",
            "    .container(\"app\", c -> c.image(\"local/app:1\")",
            "        .memory(512));"),
        multi(ViolationCode.TASK_CPU_SUM, "taskDefinition[web].cpu", ".cpu(256)", ".cpu(512)",
            "infra.taskDefinition(\"web\")",
            "    .cpu(256)",
            "    .container(\"app\", c -> c.image(\"local/app:1\").memory(64)",
            "        .cpu(512));"),
        multi(ViolationCode.PORT_MAPPING, "taskDefinition[web].container[b].portMappings[0].hostPort",
            ".portMapping(81, 9000)", ".portMapping(80, 9000)", "infra.taskDefinition(\"web\")",
            "    .container(\"a\", c -> c.image(\"local/app:1\").memory(64)",
            "        .portMapping(80, 9000))",
            "    .container(\"b\", c -> c.image(\"local/app:1\").memory(64)",
            "        .portMapping(81, 9000));"),
        multi(ViolationCode.RUNTIME_PLATFORM, "taskDefinition[web].cpu", ".cpu(512)", ".runtimePlatform(",
            "infra.taskDefinition(\"web\").networkMode(NetworkMode.AWSVPC)",
            "    .requiresCompatibilities(Compatibility.FARGATE).memory(1024)",
            "    .runtimePlatform(CpuArchitecture.X86_64, OsFamily.WINDOWS_SERVER_2022_CORE)",
            "    .cpu(512)",
            "    .container(\"app\", c -> c.image(\"local/app:1\"));"));
  }

  /** A runtime-unsupported setting per row: its warning id on the line of the call that set it. */
  static Stream<Arguments> unsupportedSettings() {
    return Stream.of(
        unsupported(UnsupportedSetting.FARGATE, "taskDefinition[web].requiresCompatibilities",
            ".requiresCompatibilities(", task(".networkMode(NetworkMode.AWSVPC).cpu(256).memory(512)",
                ".requiresCompatibilities(Compatibility.FARGATE)")),
        unsupported(UnsupportedSetting.RESOURCE_REQUIREMENTS, "taskDefinition[web].container[app].resourceRequirements[0]",
            ".gpus(1)", container(".gpus(1)")),
        unsupported(UnsupportedSetting.EPHEMERAL_STORAGE, "taskDefinition[web].ephemeralStorage", ".ephemeralStorage(",
            task(".ephemeralStorage(30)")),
        unsupported(UnsupportedSetting.LOG_DRIVER, "taskDefinition[web].container[app].logConfiguration.logDriver",
            ".driver(LogDriver.AWSLOGS)", container(".logConfiguration(l -> l.driver(LogDriver.AWSLOGS)"
                + ".option(\"awslogs-group\", \"g\").option(\"awslogs-region\", \"r\"))")),
        unsupported(UnsupportedSetting.EFS_VOLUME, "taskDefinition[web].volume[fs].efsVolumeConfiguration", ".efsVolume(",
            task(".efsVolume(\"fs\", \"fs-1\")")),
        unsupported(UnsupportedSetting.ENVIRONMENT_FILES, "taskDefinition[web].container[app].environmentFiles[0]",
            ".environmentFile(", container(".environmentFile(\"arn:aws:s3:::bucket/app.env\")")),
        unsupported(UnsupportedSetting.CONTAINER_PORT_RANGE,
            "taskDefinition[web].container[app].portMappings[1].containerPortRange", ".containerPortRange(",
            container(".portMapping(p -> p.containerPortRange(\"9000-9010\"))")),
        unsupported(UnsupportedSetting.PROXY_CONFIGURATION, "taskDefinition[web].proxyConfiguration",
            ".proxyConfiguration(", task(".networkMode(NetworkMode.AWSVPC)", ".proxyConfiguration(\"app\", p -> p"
                + ".property(\"AppPorts\", \"80\").property(\"IgnoredUID\", \"1\")"
                + ".property(\"ProxyIngressPort\", \"1\").property(\"ProxyEgressPort\", \"2\"))")),
        unsupported(UnsupportedSetting.CREDENTIAL_SPECS, "taskDefinition[web].container[app].credentialSpecs[0]",
            ".credentialSpec(", container(".credentialSpec(\"credentialspec:arn:aws:ssm:us-east-1:1:parameter/s\")")));
  }

  private static String[] container(String call) {
    return new String[] {"Cluster prod = infra.cluster(\"prod\");",
        "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)",
        "    .portMapping(8080).healthCheck(h -> h.shell(\"true\"))",
        "    " + call + ");",
        "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true));"};
  }

  private static String[] task(String... calls) {
    List<String> lines = new ArrayList<>(List.of("Cluster prod = infra.cluster(\"prod\");",
        "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", " + OK_CONTAINER + ")"));
    for (int i = 0; i < calls.length; i++) {
      lines.add("    " + calls[i] + (i == calls.length - 1 ? ";" : ""));
    }
    lines.add("infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true));");
    return lines.toArray(String[]::new);
  }

  private static Arguments containerRow(ViolationCode code, String member, String lineMarker, String... calls) {
    String[] body = new String[2 + Math.max(1, calls.length)];
    body[0] = "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\").memory(128)";
    String[] lines = calls.length == 0 ? new String[] {lineMarker} : calls;
    for (int i = 0; i < lines.length; i++) {
      body[1 + i] = "    " + lines[i];
    }
    body[body.length - 1] = ");";
    return row(code, "taskDefinition[web].container[app]." + member, lineMarker, body);
  }

  private static Arguments multi(ViolationCode code, String path, String errorLine, String noteLine, String... body) {
    return Arguments.of(code, path, errorLine, noteLine, String.join("\n", body));
  }

  private static Arguments unsupported(UnsupportedSetting setting, String path, String lineMarker, String... body) {
    return Arguments.of(setting, path, lineMarker, String.join("\n", body));
  }

  /** A valid cluster and task definition, and a service {@code web} with {@code calls}. */
  private static String[] service(String... calls) {
    String[] lines = new String[3 + calls.length];
    lines[0] = "Cluster prod = infra.cluster(\"prod\");";
    lines[1] = "TaskDefinition web = infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/app:1\")"
        + ".memory(128).portMapping(8080));";
    lines[2] = "infra.service(\"web\", prod, web).deployment(d -> d.circuitBreaker(true))";
    for (int i = 0; i < calls.length; i++) {
      lines[3 + i] = "    " + calls[i] + (i == calls.length - 1 ? ";" : "");
    }
    return lines;
  }

  private static Arguments row(ViolationCode code, String path, String lineMarker, String... body) {
    return Arguments.of(code, path, lineMarker, String.join("\n", body));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void aBrokenRuleIsReportedAtTheDslLineWithItsId(ViolationCode code, String path, String lineMarker,
      String body) {
    JavaFileObject stack = stack(body);
    Compilation compilation = javac().withProcessors(new BerthProcessor()).compile(stack);

    String expected = "[" + code.code() + "] " + path + ": ";
    if (code.severity() == Severity.ERROR) {
      assertThat(compilation).hadErrorContaining(expected).inFile(stack).onLineContaining(lineMarker);
    } else {
      assertThat(compilation).succeeded();
      assertThat(compilation).hadWarningContaining(expected).inFile(stack).onLineContaining(lineMarker);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("multiCallRules")
  void aRuleBrokenByTwoCallsIsReportedAtTheCompletingCallWithTheOtherAsANote(ViolationCode code, String path,
      String errorLine, String noteLine, String body) {
    JavaFileObject stack = stack(body);
    Compilation compilation = javac().withProcessors(new BerthProcessor()).compile(stack);

    assertThat(compilation).hadErrorContaining("[" + code.code() + "] " + path + ": ").inFile(stack)
        .onLineContaining(errorLine);
    assertThat(compilation).hadNoteContaining("[" + code.code() + "] ").inFile(stack).onLineContaining(noteLine);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupportedSettings")
  void aSettingBerthsRuntimeDoesNotRunIsAWarningOnItsLine(UnsupportedSetting setting, String path, String lineMarker,
      String body) {
    JavaFileObject stack = stack(body);
    Compilation compilation = javac().withProcessors(new BerthProcessor()).compile(stack);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[" + setting.code() + "] " + path + ": ").inFile(stack)
        .onLineContaining(lineMarker);
  }

  @Test
  void settingsBerthsRuntimeCarriesOutAreNotWarnedAbout() {
    JavaFileObject stack = stack(String.join("\n", task(".runtimePlatform(CpuArchitecture.ARM64, OsFamily.LINUX)",
        ".cpu(\"256\").memory(512)", ".container(\"side\", c -> c.image(\"local/side:1\").essential(false)"
            + ".repositoryCredentials(\"secret/registry\").restartPolicy(r -> r.ignoredExitCodes(0)))")));
    Compilation compilation = javac().withProcessors(new BerthProcessor()).compile(stack);

    assertThat(compilation).succeeded();
    assertThat(compilation.warnings().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("[BerthUnsupported")))
        .isEmpty();
  }

  @Test
  void everyRuntimeUnsupportedSettingHasARow() {
    assertThat(unsupportedSettings().map(a -> (UnsupportedSetting) a.get()[0]).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(UnsupportedSetting.values());
  }

  @Test
  void oneCompileReportsEveryProblemOfEveryStackEachAtItsOwnLine() {
    JavaFileObject stack = stack(String.join("\n",
        "Cluster prod = infra.cluster(\"prod\");",
        "TaskDefinition web = infra.taskDefinition(\"web\")",
        "    .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)",
        "    .cpu(256).memory(4096)",
        "    .container(\"app\", c -> c.image(\"local/app:1\")",
        "        .memory(64).memoryReservation(128)",
        "        .healthCheck(h -> h.shell(\"true\").retries(20)));",
        "infra.service(\"web\", prod, web).desiredCount(-2);"));
    Compilation compilation = javac().withProcessors(new BerthProcessor()).compile(stack);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[BerthFargateMemory]").inFile(stack).onLineContaining(".cpu(256).memory(4096)");
    assertThat(compilation).hadErrorContaining("[BerthMemoryReservation]").inFile(stack).onLineContaining(".memoryReservation(128)");
    assertThat(compilation).hadErrorContaining("[BerthHealthCheckRange]").inFile(stack).onLineContaining(".retries(20)");
    assertThat(compilation).hadErrorContaining("[BerthDesiredCount]").inFile(stack).onLineContaining(".desiredCount(-2)");
    assertThat(compilation).hadWarningContaining("[BerthCircuitBreaker]").inFile(stack).onLineContaining("infra.service(");
    assertThat(compilation).hadErrorCount(4);
  }

  @Test
  void everyRuleIsCoveredByARowOrDocumentedAsUnreachable() {
    Set<ViolationCode> covered = Stream.concat(rules(), multiCallRules()).map(a -> (ViolationCode) a.get()[0])
        .collect(Collectors.toSet());
    covered.addAll(UNREACHABLE_FROM_THE_DSL);
    assertThat(covered).containsExactlyInAnyOrder(ViolationCode.values());
  }

  static JavaFileObject stack(String body) {
    String indented = Arrays.stream(body.split("\n")).map(l -> "    " + l).collect(Collectors.joining("\n"));
    return JavaFileObjects.forSourceString("com.acme.Shop", String.join("\n",
        "package com.acme;",
        "",
        "import io.berth.dsl.*;",
        "import io.berth.model.Compatibility;",
        "import io.berth.model.ContainerCondition;",
        "import io.berth.model.CpuArchitecture;",
        "import io.berth.model.IpcMode;",
        "import io.berth.model.OsFamily;",
        "import io.berth.model.FirelensType;",
        "import io.berth.model.LogDriver;",
        "import io.berth.model.ResourceType;",
        "import io.berth.model.TransportProtocol;",
        "import io.berth.model.Toggle;",
        "import io.berth.model.LaunchType;",
        "import io.berth.model.NetworkMode;",
        "import io.berth.model.UlimitName;",
        "import io.berth.model.VolumeScope;",
        "",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  public void define(Infra infra) {",
        indented,
        "  }",
        "}",
        ""));
  }
}
