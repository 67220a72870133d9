package io.berth.dsl;

import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.ModelPaths;
import io.berth.model.ServiceScaling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The root of the DSL: a stack declares its clusters, roles, task definitions and services through
 * the {@code Infra} it is given, and references between them are the handles these methods return.
 *
 * <pre>{@code
 * Cluster prod = infra.cluster("prod").capacity("std", 3, g -> g.cpu(2048).memory(4096));
 * TaskDefinition web = infra.taskDefinition("web").container("httpd", c -> c.image("local/web:1").memory(256));
 * infra.service("web", prod, web).desiredCount(2);
 * }</pre>
 *
 * Declaring the same name twice is not an error here: the validator reports it
 * ({@code BerthDuplicateName}) together with every other problem.
 */
public final class Infra {
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private final String stackName;
  private final ContextValues context;
  private final CallSites sites = new CallSites();
  private final List<Cluster> clusters = new ArrayList<>();
  private final List<Role> roles = new ArrayList<>();
  private final List<TaskDefinition> taskDefinitions = new ArrayList<>();
  private final List<Service> services = new ArrayList<>();
  /** References to things outside the stack, by what they were written as, in first-use order. */
  private final Map<String, ExternalReference> references = new LinkedHashMap<>();

  private Infra(String stackName, StackContext context) {
    this.stackName = Objects.requireNonNull(stackName, "stackName == null");
    this.context = new ContextValues(context);
  }

  /** Runs {@code definition} against a fresh {@code Infra} without context values and returns the model it declared. */
  public static StackEvaluation evaluate(String stackName, StackDefinition definition) {
    return evaluate(stackName, definition, StackContext.NONE);
  }

  /** As {@link #evaluate(String, StackDefinition)}, {@link #context(String)} reading {@code context}. */
  public static StackEvaluation evaluate(String stackName, StackDefinition definition, StackContext context) {
    Objects.requireNonNull(definition, "definition == null");
    Infra infra = new Infra(stackName, context);
    definition.define(infra);
    return infra.build();
  }

  /**
   * The context value {@code name} the build gives ({@link StackContext}: a Maven or processor
   * option, or the environment), such as the environment or the image tag CI built:
   * {@code .image("shop/web:" + infra.context("imageTag"))}. Required: a build that does not give
   * it fails with {@code [BerthContextMissing]} on this call's line, naming the ways to give it.
   */
  public String context(String name) {
    return context.text(name, null);
  }

  /** As {@link #context(String)}, {@code defaultValue} when the build gives none. */
  public String context(String name, String defaultValue) {
    return context.text(name, Objects.requireNonNull(defaultValue, "defaultValue == null"));
  }

  /**
   * A whole-number context value, required: {@code .desiredCount(infra.contextInt("replicas"))};
   * one that is not a number is {@code [BerthContextValue]} on this call's line.
   */
  public int contextInt(String name) {
    return context.number(name, null);
  }

  /** As {@link #contextInt(String)}, {@code defaultValue} when the build gives none. */
  public int context(String name, int defaultValue) {
    return context.number(name, defaultValue);
  }

  /** The name of the stack being declared. */
  public String stackName() {
    return stackName;
  }

  /** Declares the cluster {@code name}; pass the handle to {@link #service}. */
  public Cluster cluster(String name) {
    Cluster cluster = new Cluster(name, sites);
    clusters.add(cluster);
    return cluster;
  }

  /** Declares the role {@code name}; use it as task, execution or instance role. */
  public Role role(String name) {
    Role role = new Role(name, sites);
    roles.add(role);
    return role;
  }

  /** Declares the task definition family {@code family}; pass the handle to {@link #service}. */
  public TaskDefinition taskDefinition(String family) {
    TaskDefinition taskDefinition = new TaskDefinition(family, sites);
    taskDefinitions.add(taskDefinition);
    return taskDefinition;
  }

  /**
   * A role that exists outside this stack: an IAM role by its full ARN
   * ({@code arn:aws:iam::123456789012:role/app}), kept as written in the task definitions, or a
   * Berth role of another stack by its name (written as Berth's ARN of that name). Use it where a
   * declared {@link Role} goes.
   */
  public ExistingRole existingRole(String nameOrArn) {
    Objects.requireNonNull(nameOrArn, "existingRole == null");
    // a Berth role name gets Berth's ARN form; anything else (an ARN) is kept exactly as written
    ExternalReference reference = nameOrArn.startsWith("arn:") || !ROLE_NAME.matcher(nameOrArn).matches()
        ? new ExternalReference(ExternalReference.Kind.ROLE, nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1),
            Optional.of(nameOrArn))
        : new ExternalReference(ExternalReference.Kind.ROLE, nameOrArn, Optional.empty());
    return new ExistingRole(refer(reference));
  }

  /** A cluster that exists outside this stack, by its name; services of this stack may run on it. */
  public ExistingCluster existingCluster(String name) {
    Objects.requireNonNull(name, "existingCluster == null");
    return new ExistingCluster(refer(new ExternalReference(ExternalReference.Kind.CLUSTER, name, Optional.empty())));
  }

  private ExternalReference refer(ExternalReference reference) {
    String path = ModelPaths.reference(reference);
    sites.record(path);
    return references.computeIfAbsent(path, p -> reference);
  }

  /** Declares the service {@code name} running {@code taskDefinition} on {@code cluster}. */
  public Service service(String name, ClusterReference cluster, TaskDefinition taskDefinition) {
    Service service = new Service(name, cluster, taskDefinition, sites);
    services.add(service);
    return service;
  }

  // Lists are sorted by name (stable for duplicates) so the same stack always gives the same bytes.
  private StackEvaluation build() {
    List<io.berth.model.Cluster> clusterModels = clusters.stream().map(Cluster::build)
        .sorted(Comparator.comparing(io.berth.model.Cluster::name)).toList();
    List<io.berth.model.Role> roleModels = roles.stream().map(Role::build)
        .sorted(Comparator.comparing(io.berth.model.Role::name)).toList();
    List<io.berth.model.TaskDefinition> taskModels = taskDefinitions.stream().map(TaskDefinition::build)
        .sorted(Comparator.comparing(io.berth.model.TaskDefinition::family)).toList();
    List<io.berth.model.Service> serviceModels = services.stream().map(Service::build)
        .sorted(Comparator.comparing(io.berth.model.Service::serviceName)
            .thenComparing(io.berth.model.Service::cluster)).toList();
    List<ServiceScaling> scalingModels = services.stream().map(Service::buildScaling).flatMap(Optional::stream)
        .sorted(Comparator.comparing(ServiceScaling::service).thenComparing(ServiceScaling::cluster)).toList();
    List<ExternalReference> referenceModels = references.values().stream()
        .sorted(Comparator.comparing(ExternalReference::kind).thenComparing(ExternalReference::written)).toList();
    DesiredState state = new DesiredState(DesiredState.API_VERSION, stackName,
        clusterModels, roleModels, taskModels, serviceModels, scalingModels, referenceModels);
    return new StackEvaluation(state, sites.toSourceMap(), context.problems(), context.values());
  }
}
