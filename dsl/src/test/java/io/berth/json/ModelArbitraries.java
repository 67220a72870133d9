package io.berth.json;

import io.berth.model.*;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random models: names valid for ECS, every kind of member present or absent, every enum value. */
final class ModelArbitraries {
  private ModelArbitraries() {}

  static Arbitrary<String> names() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_").ofMinLength(1).ofMaxLength(12);
  }

  static Arbitrary<String> text() {
    return Arbitraries.strings().ofMaxLength(20); // any characters, empty included: values are data
  }

  static <T> Arbitrary<Optional<T>> maybe(Arbitrary<T> value) {
    return value.optional(0.5);
  }

  static <E extends Enum<E>> Arbitrary<E> any(Class<E> type) {
    return Arbitraries.of(type);
  }

  static Arbitrary<PortMapping> portMappings() {
    Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
    return Combinators.combine(maybe(port), maybe(Arbitraries.integers().between(0, 65535)),
            maybe(any(TransportProtocol.class)), maybe(names()), maybe(any(ApplicationProtocol.class)))
        .as((c, h, p, n, a) -> new PortMapping(c, h, p, n, a, Optional.empty()));
  }

  static Arbitrary<HealthCheck> healthChecks() {
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 300);
    return Combinators.combine(text().list().ofMaxSize(3), maybe(small), maybe(small), maybe(small), maybe(small))
        .as((command, i, t, r, s) -> new HealthCheck(command, i, t, r, s));
  }

  static Arbitrary<LinuxParameters> linuxParameters() {
    return Combinators.combine(
            maybe(Combinators.combine(names().list().ofMaxSize(2), names().list().ofMaxSize(2)).as(KernelCapabilities::new)),
            Combinators.combine(text(), maybe(text()), any(DevicePermission.class).list().ofMaxSize(3).uniqueElements())
                .as(Device::new).list().ofMaxSize(2),
            maybe(Arbitraries.of(true, false)), maybe(Arbitraries.integers().between(0, 4096)),
            Combinators.combine(text(), Arbitraries.integers().between(1, 512), text().list().ofMaxSize(2))
                .as(Tmpfs::new).list().ofMaxSize(2))
        .as((caps, devices, init, shm, tmpfs) -> new LinuxParameters(caps, devices, init, shm, tmpfs,
            Optional.empty(), Optional.empty()));
  }

  static Arbitrary<ContainerDefinition> containers(String name) {
    Arbitrary<Integer> mib = Arbitraries.integers().between(6, 8192);
    Arbitrary<List<KeyValuePair>> env = Combinators.combine(names(), text()).as(KeyValuePair::new).list().ofMaxSize(3);
    Arbitrary<List<Secret>> secrets = Combinators.combine(names(), text()).as(Secret::new).list().ofMaxSize(2);
    Arbitrary<List<MountPoint>> mounts = Combinators.combine(maybe(names()), maybe(text()), maybe(Arbitraries.of(true, false)))
        .as(MountPoint::new).list().ofMaxSize(2);
    Arbitrary<List<ContainerDependency>> depends = Combinators.combine(names(), any(ContainerCondition.class))
        .as(ContainerDependency::new).list().ofMaxSize(2);
    Arbitrary<List<Ulimit>> ulimits = Combinators.combine(any(UlimitName.class), Arbitraries.integers().between(0, 65536),
        Arbitraries.integers().between(0, 65536)).as(Ulimit::new).list().ofMaxSize(2);
    Arbitrary<Optional<LogConfiguration>> logs = maybe(Combinators.combine(any(LogDriver.class),
        Arbitraries.maps(names(), text()).ofMaxSize(2),
        Combinators.combine(names(), text()).as(Secret::new).list().ofMaxSize(1)).as(LogConfiguration::new));
    Arbitrary<Map<String, String>> labels = Arbitraries.maps(names(), text()).ofMaxSize(3);
    Arbitrary<ContainerDefinition> basics = Combinators.combine(maybe(text()), maybe(Arbitraries.integers().between(0, 4096)),
            maybe(mib), maybe(mib), portMappings().list().ofMaxSize(3), maybe(Arbitraries.of(true, false)),
            text().list().ofMaxSize(3), text().list().ofMaxSize(3))
        .as((image, cpu, memory, reservation, ports, essential, entryPoint, command) -> new ContainerDefinition(name,
            image, Optional.empty(), cpu, memory, reservation, List.of(), ports, essential, Optional.empty(), entryPoint,
            command, List.of(), List.of(), List.of(), List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
            Optional.empty(), Map.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(),
            Optional.empty(), List.of()));
    return Combinators.combine(basics, env, secrets, mounts, depends, ulimits, logs, labels)
        .flatAs((c, e, s, m, d, u, l, lab) -> Combinators.combine(maybe(healthChecks()), maybe(linuxParameters()),
                maybe(Arbitraries.integers().between(1, 120)), maybe(text()), maybe(Arbitraries.of(true, false)),
                maybe(any(VersionConsistency.class)),
                Combinators.combine(text(), text()).as(HostEntry::new).list().ofMaxSize(2),
                maybe(Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 255).list().ofMaxSize(2),
                    maybe(Arbitraries.integers().between(60, 600))).as(RestartPolicy::new)))
            .as((health, linux, stop, user, privileged, consistency, hosts, restart) -> new ContainerDefinition(
                c.name(), c.image(), c.repositoryCredentials(), c.cpu(), c.memory(), c.memoryReservation(), c.links(),
                c.portMappings(), c.essential(), restart, c.entryPoint(), c.command(), e, List.of(), m, List.of(),
                linux, s, d, Optional.empty(), stop, consistency, Optional.empty(), user, Optional.empty(),
                Optional.empty(), privileged, Optional.empty(), List.of(), List.of(), hosts, List.of(),
                Optional.empty(), Optional.empty(), lab, u, l, health, List.of(), List.of(), Optional.empty(), List.of())));
  }

  static Arbitrary<Volume> volumes() {
    Arbitrary<Optional<HostVolume>> host = maybe(maybe(text()).map(HostVolume::new));
    Arbitrary<Optional<DockerVolumeConfiguration>> docker = maybe(Combinators.combine(maybe(any(VolumeScope.class)),
        maybe(Arbitraries.of(true, false)), maybe(names()), Arbitraries.maps(names(), text()).ofMaxSize(2),
        Arbitraries.maps(names(), text()).ofMaxSize(2)).as(DockerVolumeConfiguration::new));
    Arbitrary<Optional<EfsVolumeConfiguration>> efs = maybe(Combinators.combine(names(), maybe(text()),
        maybe(any(Toggle.class)), maybe(Arbitraries.integers().between(1, 65535)),
        maybe(Combinators.combine(maybe(names()), maybe(any(Toggle.class))).as(EfsAuthorizationConfig::new)))
        .as(EfsVolumeConfiguration::new));
    return Combinators.combine(names(), host, docker, efs).as(Volume::new);
  }

  static Arbitrary<TaskDefinition> taskDefinitions() {
    Arbitrary<List<ContainerDefinition>> containers = names().list().ofMinSize(1).ofMaxSize(4).uniqueElements()
        .flatMap(names -> Combinators.combine(names.stream().map(ModelArbitraries::containers).toList()).as(List::copyOf));
    Arbitrary<Optional<String>> size = maybe(Arbitraries.of("256", "512", "1024", "0.25 vCPU", "1 GB", "2048"));
    return Combinators.combine(names(), maybe(text()), maybe(text()), maybe(any(NetworkMode.class)), containers,
            volumes().list().ofMaxSize(2), any(Compatibility.class).list().ofMaxSize(2).uniqueElements(), size)
        .flatAs((family, task, exec, mode, cs, vs, compat, cpu) -> Combinators.combine(size,
                Combinators.combine(names(), text()).as(Tag::new).list().ofMaxSize(2), maybe(any(PidMode.class)),
                maybe(any(IpcMode.class)), maybe(Arbitraries.integers().between(21, 200).map(EphemeralStorage::new)),
                maybe(Combinators.combine(maybe(any(CpuArchitecture.class)), maybe(any(OsFamily.class))).as(RuntimePlatform::new)),
                maybe(Arbitraries.of(true, false)),
                Combinators.combine(Arbitraries.just("memberOf"), maybe(text())).as(TaskPlacementConstraint::new).list().ofMaxSize(2))
            .as((memory, tags, pid, ipc, storage, platform, fault, constraints) -> new TaskDefinition(family, task, exec,
                mode, cs, vs, constraints, compat, cpu, memory, tags, pid, ipc, Optional.empty(), List.of(), storage,
                platform, fault)));
  }

  static Arbitrary<DesiredState> desiredStates() {
    Arbitrary<InstanceGroup> groups = Combinators.combine(names(), Arbitraries.integers().between(0, 20),
        Arbitraries.integers().between(256, 16384), Arbitraries.integers().between(256, 65536),
        names().list().ofMaxSize(3), maybe(names()), Arbitraries.maps(names(), text()).ofMaxSize(2))
        .as(InstanceGroup::new);
    Arbitrary<Cluster> clusters = Combinators.combine(names(), groups.list().ofMaxSize(2), maybe(text())).as(Cluster::new);
    Arbitrary<Role> roles = Combinators.combine(names(), Combinators.combine(any(Effect.class), text().list().ofMaxSize(2),
        text().list().ofMaxSize(2)).as(PolicyStatement::new).list().ofMaxSize(2)).as(Role::new);
    Arbitrary<DeploymentConfiguration> deployments = Combinators.combine(Arbitraries.integers().between(100, 200),
        Arbitraries.integers().between(0, 100), maybe(Combinators.combine(Arbitraries.of(true, false),
            Arbitraries.of(true, false)).as(DeploymentCircuitBreaker::new))).as(DeploymentConfiguration::new);
    Arbitrary<Service> services = Combinators.combine(names(), names(), names(), maybe(any(LaunchType.class)),
            any(SchedulingStrategy.class), maybe(Arbitraries.integers().between(0, 50)), deployments,
            maybe(Arbitraries.integers().between(0, 600)))
        .flatAs((name, cluster, task, launch, strategy, count, deployment, grace) -> Combinators.combine(
                Combinators.combine(any(PlacementStrategyType.class), maybe(names())).as(PlacementStrategy::new).list().ofMaxSize(3),
                Combinators.combine(any(PlacementConstraintType.class), maybe(text())).as(PlacementConstraint::new).list().ofMaxSize(2),
                Combinators.combine(names(), Arbitraries.integers().between(1, 65535), Arbitraries.integers().between(1, 65535))
                    .as(LoadBalancer::new).list().ofMaxSize(1),
                Combinators.combine(names(), names(), maybe(names()), maybe(Arbitraries.integers().between(1, 65535)))
                    .as(ServiceRegistry::new).list().ofMaxSize(1))
            .as((ps, pc, lbs, sd) -> new Service(name, cluster, task, launch, strategy, count, ps, pc, deployment, grace, lbs,
                sd)));
    Arbitrary<ServiceScaling> scaling = Combinators.combine(names(), names(), Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(5, 50),
            Combinators.combine(names(), any(ScalingMetric.class), Arbitraries.doubles().between(1, 100).ofScale(2),
                Arbitraries.integers().between(0, 600), Arbitraries.integers().between(0, 600), Arbitraries.of(true, false))
                .as(TargetTrackingPolicy::new).list().ofMaxSize(2),
            Combinators.combine(names(), any(ScalingMetric.class), any(ComparisonOperator.class),
                Arbitraries.doubles().between(0, 100).ofScale(1), any(AdjustmentType.class),
                Combinators.combine(maybe(Arbitraries.doubles().between(-50, 50).ofScale(1)),
                    maybe(Arbitraries.doubles().between(-50, 50).ofScale(1)), Arbitraries.integers().between(-5, 5))
                    .as(StepAdjustment::new).list().ofMaxSize(3),
                maybe(Arbitraries.integers().between(1, 5)), Arbitraries.integers().between(0, 600))
                .as(StepScalingPolicy::new).list().ofMaxSize(1),
            Combinators.combine(names(), Arbitraries.of("rate(5 minutes)", "cron(0 22 * * ? *)"), maybe(Arbitraries.of("UTC", "Europe/Paris")),
                maybe(Arbitraries.integers().between(0, 5)), maybe(Arbitraries.integers().between(5, 9)))
                .as(ScheduledAction::new).list().ofMaxSize(2))
        .as(ServiceScaling::new);
    return Combinators.combine(names(), clusters.list().ofMaxSize(2), roles.list().ofMaxSize(2),
            taskDefinitions().list().ofMaxSize(2), services.list().ofMaxSize(2), scaling.list().ofMaxSize(2))
        .as((stack, cs, rs, ts, ss, sc) -> new DesiredState(DesiredState.API_VERSION, stack, cs, rs, ts, ss, sc));
  }
}
