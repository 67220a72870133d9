package io.berth.processor.importer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.berth.dsl.Infra;
import io.berth.dsl.Role;
import io.berth.dsl.RoleReference;
import io.berth.dsl.Stack;
import io.berth.dsl.StackDefinition;
import io.berth.model.Compatibility;
import io.berth.model.EfsVolumeConfiguration;
import io.berth.model.IpcMode;
import io.berth.model.NetworkMode;
import io.berth.model.PidMode;
import io.berth.model.ProxyType;
import io.berth.model.TaskDefinition;
import io.berth.model.TaskPlacementConstraint;
import io.berth.model.Toggle;
import io.berth.model.Volume;
import io.berth.model.VolumeScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Turns one task definition into a {@code @Stack} class whose {@code declare(Infra)} method
 * rebuilds it with the fluent DSL. A Berth role ARN becomes a declared role; any other role ARN an
 * {@code infra.existingRole(...)} that keeps it exactly as written.
 */
final class StackSourceWriter {
  private final String source;
  private final Unsupported unsupported;
  private final List<String> warnings = new ArrayList<>();

  StackSourceWriter(String source) {
    this.source = source;
    this.unsupported = new Unsupported(source);
  }

  List<String> warnings() {
    return warnings;
  }

  JavaFile write(TaskDefinition td, String packageName, String className, String stackName) {
    rejectUnsupported(td);
    CodeBlock.Builder body = CodeBlock.builder();
    Map<String, String> roles = declareRoles(td, body);
    body.add("return infra.taskDefinition($S)$>$>", td.family());
    td.networkMode().ifPresent(v -> body.add("\n.networkMode($T.$L)", NetworkMode.class, v.name()));
    if (!td.requiresCompatibilities().isEmpty()) {
      body.add("\n.requiresCompatibilities($L)", enums(Compatibility.class,
          td.requiresCompatibilities().stream().map(Enum::name).toList()));
    }
    td.cpu().ifPresent(v -> body.add("\n.cpu($S)", v));
    td.memory().ifPresent(v -> body.add("\n.memory($S)", v));
    td.taskRoleArn().ifPresent(arn -> body.add("\n.taskRole($L)", roles.get(arn)));
    td.executionRoleArn().ifPresent(arn -> body.add("\n.executionRole($L)", roles.get(arn)));
    td.pidMode().ifPresent(v -> body.add("\n.pidMode($T.$L)", PidMode.class, v.name()));
    td.ipcMode().ifPresent(v -> body.add("\n.ipcMode($T.$L)", IpcMode.class, v.name()));
    td.runtimePlatform().ifPresent(p -> body.add("\n.runtimePlatform($L, $L)",
        p.cpuArchitecture().map(a -> CodeBlock.of("$T.$L", a.getClass(), a.name())).orElse(CodeBlock.of("null")),
        p.operatingSystemFamily().map(o -> CodeBlock.of("$T.$L", o.getClass(), o.name())).orElse(CodeBlock.of("null"))));
    td.ephemeralStorage().ifPresent(v -> body.add("\n.ephemeralStorage($L)", v.sizeInGiB()));
    td.enableFaultInjection().ifPresent(v -> body.add("\n.enableFaultInjection($L)", v));
    td.inferenceAccelerators().forEach(a -> body.add("\n.inferenceAccelerator($S, $S)", a.deviceName(), a.deviceType()));
    td.proxyConfiguration().ifPresent(proxy -> {
      CodeBlock.Builder p = CodeBlock.builder().add("p -> p");
      proxy.type().ifPresent(t -> p.add(".type($T.$L)", ProxyType.class, t.name()));
      p.add("$>$>");
      proxy.properties().forEach(property -> p.add("\n.property($S, $S)", property.name(), property.value()));
      body.add("\n.proxyConfiguration($S, $L)", proxy.containerName(), p.add("$<$<").build());
    });
    for (int i = 0; i < td.volumes().size(); i++) {
      volume(td.volumes().get(i), i, body);
    }
    for (TaskPlacementConstraint constraint : td.placementConstraints()) {
      body.add("\n.memberOf($S)", constraint.expression().orElseThrow());
    }
    td.tags().forEach(tag -> body.add("\n.tag($S, $S)", tag.key(), tag.value()));
    for (int i = 0; i < td.containerDefinitions().size(); i++) {
      body.add(ContainerCode.of(td.containerDefinitions().get(i), i, unsupported));
    }
    body.add(";\n$<$<");

    ClassName dslTaskDefinition = ClassName.get(io.berth.dsl.TaskDefinition.class);
    TypeSpec type = TypeSpec.classBuilder(className)
        .addJavadoc("The {@code $L} task definition, imported from {@code $L} by {@code berth import}.\n",
            td.family(), source)
        .addAnnotation(AnnotationSpec.builder(Stack.class).addMember("value", "$S", stackName).build())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(StackDefinition.class)
        .addMethod(MethodSpec.methodBuilder("define")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(Infra.class, "infra")
            .addStatement("declare(infra)")
            .build())
        .addMethod(MethodSpec.methodBuilder("declare")
            .addJavadoc("Declares the task definition on {@code infra}; pass the handle to {@code infra.service(...)}.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(dslTaskDefinition)
            .addParameter(Infra.class, "infra")
            .addCode(body.build())
            .build())
        .build();
    return JavaFile.builder(packageName, type).indent("  ").skipJavaLangImports(true).build();
  }

  /**
   * One role per distinct ARN, before the task definition that uses it: a Berth role for a Berth ARN,
   * an existing role (its ARN kept as written) for any other.
   */
  private Map<String, String> declareRoles(TaskDefinition td, CodeBlock.Builder body) {
    Map<String, String> variables = new LinkedHashMap<>();
    ImportChecks.Roles roles = ImportChecks.roles(td);
    roles.declared().forEach((arn, role) -> {
      String variable = variable(role.name(), variables);
      variables.put(arn, variable);
      body.addStatement("$T $L = infra.role($S)", Role.class, variable, role.name());
    });
    roles.existing().forEach((arn, reference) -> {
      String variable = variable(reference.name(), variables);
      variables.put(arn, variable);
      if (reference.arn().isEmpty()) {
        warnings.add(source + ": role " + arn + " is a bare name, which Berth writes as " + reference.roleArn()
            + "; write the role's full IAM ARN in the input to keep it as written");
      }
      body.addStatement("$T $L = infra.existingRole($S)", RoleReference.class, variable, arn);
    });
    return variables;
  }

  private static String variable(String roleName, Map<String, String> taken) {
    String base = Names.roleVariable(Names.roleName(roleName));
    String variable = base;
    for (int n = 2; taken.containsValue(variable); n++) {
      variable = base + n;
    }
    return variable;
  }

  private void volume(Volume volume, int index, CodeBlock.Builder body) {
    String path = "$.volumes[" + index + "]";
    Optional<String> hostPath = volume.host().flatMap(h -> h.sourcePath());
    if (volume.efsVolumeConfiguration().isPresent()) {
      if (hostPath.isPresent() || volume.dockerVolumeConfiguration().isPresent()) {
        throw unsupported.invalid(path, "a volume with efsVolumeConfiguration and also host or"
            + " dockerVolumeConfiguration", "keep one kind of volume per name");
      }
      efsVolume(volume.name(), volume.efsVolumeConfiguration().get(), body);
      return;
    }
    if (volume.dockerVolumeConfiguration().isEmpty()) {
      if (hostPath.isPresent()) {
        body.add("\n.bindVolume($S, $S)", volume.name(), hostPath.get());
      } else {
        body.add("\n.volume($S)", volume.name());
      }
      return;
    }
    if (hostPath.isPresent()) {
      throw unsupported.invalid(path, "a volume with both host and dockerVolumeConfiguration",
          "keep one kind of volume per name");
    }
    var docker = volume.dockerVolumeConfiguration().get();
    CodeBlock.Builder v = CodeBlock.builder().add("v -> v");
    docker.scope().ifPresent(s -> v.add(".scope($T.$L)", VolumeScope.class, s.name()));
    docker.autoprovision().ifPresent(a -> v.add(".autoprovision($L)", a));
    docker.driver().ifPresent(d -> v.add(".driver($S)", d));
    docker.driverOpts().forEach((k, val) -> v.add(".driverOpt($S, $S)", k, val));
    docker.labels().forEach((k, val) -> v.add(".label($S, $S)", k, val));
    body.add("\n.volume($S, $L)", volume.name(), v.build());
  }

  private static void efsVolume(String name, EfsVolumeConfiguration efs, CodeBlock.Builder body) {
    CodeBlock.Builder e = CodeBlock.builder();
    efs.rootDirectory().ifPresent(v -> e.add(".rootDirectory($S)", v));
    efs.transitEncryption().ifPresent(v -> e.add(".transitEncryption($T.$L)", Toggle.class, v.name()));
    efs.transitEncryptionPort().ifPresent(v -> e.add(".transitEncryptionPort($L)", v));
    efs.authorizationConfig().ifPresent(auth -> {
      auth.accessPointId().ifPresent(v -> e.add(".accessPoint($S)", v));
      auth.iam().ifPresent(v -> e.add(".iam($T.$L)", Toggle.class, v.name()));
    });
    CodeBlock calls = e.build();
    if (calls.isEmpty()) {
      body.add("\n.efsVolume($S, $S)", name, efs.fileSystemId());
    } else {
      body.add("\n.efsVolume($S, $S, e -> e$L)", name, efs.fileSystemId(), calls);
    }
  }

  private void rejectUnsupported(TaskDefinition td) {
    for (int i = 0; i < td.placementConstraints().size(); i++) {
      TaskPlacementConstraint constraint = td.placementConstraints().get(i);
      if (!constraint.type().equals("memberOf")) {
        throw unsupported.invalid("$.placementConstraints[" + i + "].type", "a task definition placement"
            + " constraint of type " + constraint.type(), "task definitions take memberOf constraints only;"
            + " put " + constraint.type() + " on the service instead");
      }
      if (constraint.expression().isEmpty()) {
        throw unsupported.invalid("$.placementConstraints[" + i + "].expression", "a memberOf constraint without"
            + " an expression", "add a cluster query language expression such as attribute:ecs.instance-type =~ t3.*");
      }
    }
  }

  private static CodeBlock enums(Class<?> type, List<String> names) {
    return CodeBlock.join(names.stream().map(n -> CodeBlock.of("$T.$L", type, n)).toList(), ", ");
  }
}
