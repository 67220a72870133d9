package io.berth.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dsl.Cluster;
import io.berth.dsl.Infra;
import io.berth.dsl.Role;
import io.berth.dsl.Service;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.TaskDefinition;
import io.berth.json.DesiredStateJson;
import io.berth.json.OutputFiles;
import io.berth.json.TaskDefinitionJson;
import io.berth.model.ContainerCondition;
import io.berth.model.NetworkMode;
import io.berth.validation.Severity;
import io.berth.validation.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Valid stacks, generated within ECS's limits (names up to 255 characters, any network mode,
 * dependsOn chains, environment values in any script, services with and without auto scaling),
 * go through the synthesis the processor and {@code berth synth} share without an error, and
 * their files land on a real file system under names of at most 128 bytes, readable back. A
 * {@code [BerthInternal]} error could only come from that path failing.
 */
class ValidStackProperties {
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
  private final List<Path> written = new ArrayList<>();

  /** One container: name index, memory, cpu, environment values, a port, whether it has a health check. */
  record ContainerShape(int memory, int cpu, List<String> values, int port, boolean healthCheck) {}

  /** A whole stack's random choices. */
  record StackShape(String stack, String family, String service, NetworkMode mode, List<ContainerShape> containers,
      int desiredCount, boolean scaled, boolean taskRole, boolean gracePeriod) {}

  @Provide
  Arbitrary<StackShape> stacks() {
    Arbitrary<String> name = Arbitraries.oneOf(
        Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(120).ofMaxLength(255));
    Arbitrary<ContainerShape> container = Combinators.combine(
        Arbitraries.integers().between(6, 512), Arbitraries.integers().between(0, 256),
        Arbitraries.strings().ofMaxLength(40).list().ofMaxSize(3), Arbitraries.integers().between(1, 65535)
            .filter(port -> !Set.of(22, 2375, 2376, 51678, 51679, 51680).contains(port)), // reserved on instances
        Arbitraries.of(true, false)).as(ContainerShape::new);
    return Combinators.combine(name, name, name, Arbitraries.of(NetworkMode.values()),
            container.list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(0, 5), Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as((stack, family, service, mode, containers, count, scaled, role) -> new StackShape(stack, family, service,
            mode, containers, count, scaled, role, count % 2 == 0));
  }

  private static StackDefinition define(StackShape shape) {
    return infra -> {
      Cluster cluster = infra.cluster("c-" + shape.stack().substring(0, Math.min(40, shape.stack().length())))
          .capacity("std", 2, g -> g.cpu(4096).memory(8192));
      TaskDefinition task = infra.taskDefinition(shape.family()).networkMode(shape.mode());
      if (shape.taskRole()) {
        Role role = infra.role("r" + shape.family().substring(1)).allow("secrets:Read", "secret/app/*");
        task.taskRole(role);
      }
      for (int i = 0; i < shape.containers().size(); i++) {
        ContainerShape c = shape.containers().get(i);
        int index = i;
        task.container("c" + i, spec -> {
          spec.image("registry.local:5000/team/app-" + index + ":1.0").memory(c.memory()).cpu(c.cpu());
          for (int v = 0; v < c.values().size(); v++) {
            spec.env("VALUE_" + v, c.values().get(v));
          }
          if (shape.mode() != NetworkMode.NONE && index == 0) {
            spec.portMapping(c.port());
          }
          if (c.healthCheck()) {
            spec.healthCheck(h -> h.exec("/bin/check", "--quick").interval(10).retries(3));
          }
          if (index > 0) {
            spec.dependsOn("c" + (index - 1), ContainerCondition.START);
          }
        });
      }
      Service service = infra.service(shape.service(), cluster, task).desiredCount(shape.desiredCount())
          .deployment(d -> d.circuitBreaker(true));
      if (shape.gracePeriod()) {
        service.healthCheckGracePeriod(30);
      }
      if (shape.scaled()) {
        service.autoScaling(a -> a.min(0).max(shape.desiredCount() + 2).targetCpu(60));
      }
    };
  }

  @Property(tries = 150)
  void aValidStackSynthesizesWithoutErrorsIntoFileNamesEveryFileSystemTakes(@ForAll("stacks") StackShape shape)
      throws IOException {
    Synthesis synthesis = StackSynthesizer.synthesize(shape.stack(), define(shape), io.berth.dsl.StackContext.NONE);

    assertThat(synthesis.violations()).filteredOn(v -> v.severity() == Severity.ERROR)
        .extracting(Violation::describe).isEmpty();
    for (String file : synthesis.files().keySet()) {
      for (String segment : (synthesis.directory() + file).split("/")) {
        assertThat(segment.getBytes(StandardCharsets.UTF_8).length).as(file).isLessThanOrEqualTo(255);
      }
      assertThat(Path.of(file).getFileName().toString().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(OutputFiles.MAX_NAME_BYTES);
    }
    Path out = Files.createTempDirectory("berth-synth");
    written.add(out);
    Synth.write(synthesis, out);
    Path stackDir = out.resolve(synthesis.directory());
    assertThat(DesiredStateJson.read("desired.json", Files.readString(stackDir.resolve(OutputFiles.DESIRED))))
        .isEqualTo(synthesis.state());
    Path index = stackDir.resolve(OutputFiles.INDEX);
    String file = Files.isRegularFile(index)
        ? OutputFiles.readIndex("index", Files.readString(index)).get(shape.family())
        : OutputFiles.taskDefinitionFile(shape.family());
    assertThat(TaskDefinitionJson.read(file, Files.readString(stackDir.resolve(file))).taskDefinition().family())
        .isEqualTo(shape.family());
    assertThat(Files.isRegularFile(index)).isEqualTo(OutputFiles.isShortened(shape.family()));
  }

  @AfterProperty
  void removeWrittenFiles() throws IOException {
    for (Path root : written) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    written.clear();
  }

}
