package io.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** How each task definition member becomes Docker configuration: no Docker needed. */
class BlueprintsTest {

  private static ContainerBlueprint blueprint(String taskJson, Map<String, String> secrets) {
    TaskSpec spec = DockerFixture.spec("i-1", taskJson);
    return Blueprints.of(spec, spec.taskDefinition().containerDefinitions().get(0), secrets);
  }

  private static ContainerBlueprint blueprint(String containerJson) {
    return blueprint("{'family':'f','containerDefinitions':[" + containerJson + "]}", Map.of());
  }

  @Test
  void bridgePortsArePublishedOnLoopbackWithDynamicPortsForZeroOrAbsent() {
    ContainerBlueprint web = blueprint("{'name':'web','image':'img','portMappings':["
        + "{'containerPort':8080},{'containerPort':9090,'hostPort':0},{'containerPort':53,'hostPort':5353,'protocol':'udp'}]}");

    Map<ExposedPort, Ports.Binding[]> bindings = web.hostConfig().getPortBindings().getBindings();
    assertThat(bindings.get(ExposedPort.tcp(8080))).containsExactly(Ports.Binding.bindIp("127.0.0.1"));
    assertThat(bindings.get(ExposedPort.tcp(9090))).containsExactly(Ports.Binding.bindIp("127.0.0.1"));
    assertThat(bindings.get(ExposedPort.udp(53))).containsExactly(Ports.Binding.bindIpAndPort("127.0.0.1", 5353));
    assertThat(web.hostConfig().getNetworkMode()).isEqualTo("bridge");
  }

  @Test
  void portsArePublishedOnTheAgentsAdvertisedAddress() {
    TaskSpec loopback = DockerFixture.spec("i-1", "{'family':'f','containerDefinitions':[{'name':'web','image':'img',"
        + "'portMappings':[{'containerPort':8080},{'containerPort':9090,'hostPort':9090}]}]}");
    TaskSpec spec = new TaskSpec("i-1", loopback.taskId(), "test", "f", 1, loopback.taskDefinition(), Map.of(),
        "127.0.0.3");

    var bindings = Blueprints.of(spec, spec.taskDefinition().containerDefinitions().get(0), Map.of())
        .hostConfig().getPortBindings().getBindings();

    assertThat(bindings.get(ExposedPort.tcp(8080))).containsExactly(Ports.Binding.bindIp("127.0.0.3"));
    assertThat(bindings.get(ExposedPort.tcp(9090))).containsExactly(Ports.Binding.bindIpAndPort("127.0.0.3", 9090));
  }

  @Test
  void containersResolveWithTheAgentsDiscoveryDnsUnlessTheyNameTheirOwnServers() {
    Map<String, List<String>> dnsByMode = new java.util.TreeMap<>();
    for (String mode : List.of("bridge", "awsvpc", "host", "none")) {
      TaskSpec parsed = DockerFixture.spec("i-1", "{'family':'f','networkMode':'" + mode + "','containerDefinitions':["
          + "{'name':'web','image':'img'},{'name':'own','image':'img','dnsServers':['10.0.0.2']}]}");
      TaskSpec spec = new TaskSpec("i-1", parsed.taskId(), "test", "f", 1, parsed.taskDefinition(), Map.of(),
          "172.30.0.1", List.of("172.31.0.1"));
      var containers = spec.taskDefinition().containerDefinitions();
      var dns = Blueprints.of(spec, containers.get(0), Map.of()).hostConfig().getDns();
      dnsByMode.put(mode, dns == null ? List.of() : List.of(dns));
      assertThat(Blueprints.of(spec, containers.get(1), Map.of()).hostConfig().getDns()).containsExactly("10.0.0.2");
    }
    assertThat(dnsByMode).containsEntry("bridge", List.of("172.31.0.1")).containsEntry("awsvpc", List.of("172.31.0.1"))
        .containsEntry("host", List.of("172.30.0.1")).containsEntry("none", List.of());
    assertThat(blueprint("{'name':'web','image':'img'}").hostConfig().getDns()).as("an agent without --dns").isNull();
  }

  @Test
  void awsvpcJoinsTheTaskNetworkUnderTheContainerNameAndPublishesOnTheAgentsAddressAtDynamicPorts() {
    ContainerBlueprint web = blueprint("{'family':'f','networkMode':'awsvpc','containerDefinitions':["
        + "{'name':'web','image':'img','portMappings':[{'containerPort':8080,'hostPort':8080}]}]}", Map.of());

    assertThat(web.hostConfig().getNetworkMode()).startsWith("berth-task-");
    assertThat(web.networkAliases()).containsExactly("web");
    assertThat(web.hostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8080)))
        .as("two awsvpc tasks on one host may both use 8080").containsExactly(Ports.Binding.bindIp("127.0.0.1"));
    assertThat(web.exposedPorts()).containsExactly(ExposedPort.tcp(8080));
  }

  @Test
  void everyContainerLearnsItsTaskIdUnlessTheDefinitionSetsTheVariable() {
    TaskSpec spec = DockerFixture.spec("i-1", "{'family':'f','containerDefinitions':[{'name':'c','image':'img'}]}");
    assertThat(Blueprints.of(spec, spec.taskDefinition().containerDefinitions().get(0), Map.of()).environment())
        .containsExactly("BERTH_TASK_ID=" + spec.taskId());

    ContainerBlueprint own = blueprint("{'name':'c','image':'img','environment':[{'name':'BERTH_TASK_ID','value':'mine'}]}");
    assertThat(own.environment()).containsExactly("BERTH_TASK_ID=mine");
  }

  @Test
  void resourcesBecomeCpuSharesAndMemoryBytes() {
    HostConfig host = blueprint("{'name':'c','image':'img','cpu':1,'memory':256,'memoryReservation':128,"
        + "'ulimits':[{'name':'nofile','softLimit':1024,'hardLimit':4096}]}").hostConfig();

    assertThat(host.getCpuShares()).as("Docker's minimum").isEqualTo(2);
    assertThat(host.getMemory()).isEqualTo(256L * 1024 * 1024);
    assertThat(host.getMemoryReservation()).isEqualTo(128L * 1024 * 1024);
    assertThat(host.getUlimits()).singleElement().satisfies(u -> {
      assertThat(u.getName()).isEqualTo("nofile");
      assertThat(u.getSoft()).isEqualTo(1024L);
      assertThat(u.getHard()).isEqualTo(4096L);
    });
  }

  @Test
  void aContainerWithoutMemoryIsCappedByTheTaskMemory() {
    HostConfig host = blueprint("{'family':'f','memory':'1 GB','containerDefinitions':[{'name':'c','image':'img'}]}",
        Map.of()).hostConfig();

    assertThat(host.getMemory()).isEqualTo(1024L * 1024 * 1024);
  }

  @Test
  void maxSwapIsAddedToTheMemoryLimitAsDockerCountsIt() {
    HostConfig host = blueprint("{'name':'c','image':'img','memory':100,"
        + "'linuxParameters':{'maxSwap':50,'swappiness':10}}").hostConfig();

    assertThat(host.getMemorySwap()).isEqualTo(150L * 1024 * 1024);
    assertThat(host.getMemorySwappiness()).isEqualTo(10L);
  }

  @Test
  void processSettingsAreCarriedOver() {
    ContainerBlueprint c = blueprint("{'name':'c','image':'img','user':'1000:1000','workingDirectory':'/app',"
        + "'entryPoint':['/bin/sh','-c'],'command':['run'],'hostname':'box','privileged':true,"
        + "'readonlyRootFilesystem':true,'dnsServers':['10.0.0.2'],'dnsSearchDomains':['corp'],"
        + "'extraHosts':[{'hostname':'db','ipAddress':'10.0.0.5'}],'dockerLabels':{'team':'shop'},"
        + "'stopTimeout':7,'systemControls':[{'namespace':'net.core.somaxconn','value':'1024'}],"
        + "'linuxParameters':{'initProcessEnabled':true,'sharedMemorySize':64,"
        + "  'tmpfs':[{'containerPath':'/run','size':16,'mountOptions':['noexec']}],"
        + "  'capabilities':{'add':['NET_ADMIN'],'drop':['CAP_MKNOD']}}}");

    HostConfig host = c.hostConfig();
    assertThat(c.user()).contains("1000:1000");
    assertThat(c.workingDirectory()).contains("/app");
    assertThat(c.entryPoint()).containsExactly("/bin/sh", "-c");
    assertThat(c.command()).containsExactly("run");
    assertThat(c.hostname()).contains("box");
    assertThat(c.stopTimeoutSeconds()).isEqualTo(7);
    assertThat(c.labels()).containsEntry("team", "shop").containsEntry(BerthLabels.CONTAINER, "c")
        .containsKeys(BerthLabels.INSTANCE, BerthLabels.TASK, BerthLabels.CLUSTER, BerthLabels.FAMILY,
            BerthLabels.REVISION);
    assertThat(host.getPrivileged()).isTrue();
    assertThat(host.getReadonlyRootfs()).isTrue();
    assertThat(host.getDns()).containsExactly("10.0.0.2");
    assertThat(host.getDnsSearch()).containsExactly("corp");
    assertThat(host.getExtraHosts()).containsExactly("db:10.0.0.5");
    assertThat(host.getSysctls()).containsEntry("net.core.somaxconn", "1024");
    assertThat(host.getInit()).isTrue();
    assertThat(host.getShmSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.getTmpFs()).containsEntry("/run", "size=16m,noexec");
    assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
    assertThat(host.getCapDrop()).containsExactly(Capability.MKNOD);
  }

  @Test
  void aDockerLabelCannotImpersonateBerthsOwnLabels() {
    ContainerBlueprint c = blueprint("{'name':'c','image':'img','dockerLabels':{'berth.instance':'someone-else'}}");

    assertThat(c.labels()).containsEntry(BerthLabels.INSTANCE, "i-1");
  }

  @Test
  void healthCheckSecondsBecomeNanosecondsWithEcsDefaults() {
    ContainerBlueprint c = blueprint("{'name':'c','image':'img','healthCheck':{'command':['CMD-SHELL','true']}}");

    var check = c.healthCheck().orElseThrow();
    assertThat(check.getTest()).containsExactly("CMD-SHELL", "true");
    assertThat(check.getInterval()).isEqualTo(30_000_000_000L);
    assertThat(check.getTimeout()).isEqualTo(5_000_000_000L);
    assertThat(check.getRetries()).isEqualTo(3);
    assertThat(check.getStartPeriod()).isNull();
  }

  @Test
  void secretsJoinTheEnvironmentButNeverItsPrintedForm() {
    ContainerBlueprint c = blueprint("{'family':'f','containerDefinitions':[{'name':'c','image':'img',"
        + "'environment':[{'name':'MODE','value':'prod'}],"
        + "'secrets':[{'name':'DB_PASSWORD','valueFrom':'secret/shop/db'}]}]}", Map.of("DB_PASSWORD", "hunter2"));

    assertThat(c.environment()).endsWith("MODE=prod", "DB_PASSWORD=hunter2");
    assertThat(c.toString()).contains("DB_PASSWORD=***").doesNotContain("hunter2");
  }

  @Test
  void bindMountsTaskVolumesAndVolumesFromMapToDockerBinds() {
    TaskSpec spec = DockerFixture.spec("i-1", "{'family':'f','volumes':["
        + "{'name':'host','host':{'sourcePath':'/srv/data'}},{'name':'scratch'},"
        + "{'name':'cache','dockerVolumeConfiguration':{'scope':'shared'}}],"
        + "'containerDefinitions':[{'name':'app','image':'img','mountPoints':["
        + "{'sourceVolume':'host','containerPath':'/data','readOnly':true},"
        + "{'sourceVolume':'scratch','containerPath':'/tmp/s'},{'sourceVolume':'cache','containerPath':'/c'}],"
        + "'volumesFrom':[{'sourceContainer':'side','readOnly':true}]},{'name':'side','image':'img'}]}");

    HostConfig host = Blueprints.of(spec, spec.taskDefinition().containerDefinitions().get(0), Map.of()).hostConfig();

    assertThat(host.getBinds()).extracting(Bind::getPath, b -> b.getVolume().getPath(), Bind::getAccessMode)
        .containsExactly(
            Tuple.tuple("/srv/data", "/data", AccessMode.ro),
            Tuple.tuple(spec.taskVolumeName("scratch"), "/tmp/s", AccessMode.rw),
            Tuple.tuple("cache", "/c", AccessMode.rw));
    assertThat(host.getVolumesFrom()).singleElement().satisfies(v -> {
      assertThat(v.getContainer()).isEqualTo(spec.containerName("side"));
      assertThat(v.getAccessMode()).isEqualTo(AccessMode.ro);
    });
  }

  @Test
  void mistakesNameTheTaskContainerAndFix() {
    assertThatThrownBy(() -> blueprint("{'name':'c','image':'img','mountPoints':[{'sourceVolume':'nope','containerPath':'/x'}]}"))
        .isInstanceOf(TaskRuntimeException.class).hasMessageContaining("'c'").hasMessageContaining("'nope'")
        .hasMessageContaining("add it to volumes");
    assertThatThrownBy(() -> blueprint("{'name':'c','image':'img','linuxParameters':{'capabilities':{'add':['FLY']}}}"))
        .hasMessageContaining("unknown Linux capability 'FLY'");
    assertThatThrownBy(() -> blueprint("{'name':'c'}")).hasMessageContaining("has no image");
  }

  @Test
  void cloudLogDriversFallBackToTheEngineDefault() {
    assertThat(blueprint("{'name':'c','image':'img','logConfiguration':{'logDriver':'awslogs',"
        + "'options':{'awslogs-group':'g'}}}").hostConfig().getLogConfig().getType()).isNull();
    assertThat(blueprint("{'name':'c','image':'img','logConfiguration':{'logDriver':'json-file',"
        + "'options':{'max-size':'1m'}}}").hostConfig().getLogConfig().getConfig()).containsEntry("max-size", "1m");
  }
}
