package io.berth.engine.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.berth.engine.server.ServiceEventRecord;
import io.berth.engine.server.ServiceView;
import io.berth.engine.server.TaskRecord;
import java.util.List;
import java.util.Optional;

/**
 * The {@code --json} documents of {@code berth ps}, {@code services} and {@code events}: small
 * records of their own, so that the control plane's internal records can change without changing
 * what scripts read, and a new member (a stack, an address) is one more component. Members come in
 * record order; an absent optional member is left out, an empty list is written as {@code []}.
 * {@link #FORMAT_VERSION} rises only when a member is removed or changes its meaning; adding one does
 * not raise it. docs/cli.md describes each document.
 */
final class JsonViews {
  /** The version of every document here. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new Jdk8Module())
      .serializationInclusion(JsonInclude.Include.NON_ABSENT).build();
  private static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectWriter LINE = MAPPER.writer();

  private JsonViews() {}

  /** {@code berth ps --json}: the tasks listed, in the table's order. */
  record Tasks(int formatVersion, List<Task> tasks) {}

  /** One task; times are ISO-8601 instants (UTC). */
  record Task(String taskId, String cluster, String service, Optional<String> stack, String taskDefinition,
      String instanceId, String desiredStatus, String lastStatus, String healthStatus, String createdAt,
      Optional<String> runningSince, Optional<String> stoppedAt, Optional<String> stoppedReason, List<Port> ports) {
    /**
     * The task, its status as {@code berth ps} shows it, the stack of its service ("" for none), its
     * ports published at {@code instanceAddress} when known.
     */
    static Task of(TaskRecord t, String lastStatus, String stack, String instanceAddress) {
      List<Port> ports = t.containers().stream().flatMap(c -> c.networkBindings().stream().map(b ->
          new Port(c.name(), b.containerPort(), b.hostPort(), b.protocol(), b.bindIP(),
              PsCommand.publishedAt(b, instanceAddress)))).toList();
      return new Task(t.taskId(), t.cluster(), t.serviceName(), present(stack), t.family() + ":" + t.revision(),
          t.instanceId(), t.desiredStatus().name(), lastStatus, t.healthStatus().name(), t.createdAt().toString(),
          t.runningSince().map(Object::toString), t.stoppedAt().map(Object::toString), t.stoppedReason(), ports);
    }
  }

  /** A published port: the container's, the host's, the address it is bound to and the one it is reached at. */
  record Port(String container, int containerPort, int hostPort, String protocol, String bindIP, String address) {}

  /** {@code berth services --json}: the commit the control plane runs, each service, and problems of the state files. */
  record Services(int formatVersion, String declaredCommit, List<Service> services, List<String> problems) {}

  /** One service: its counts and its deployments, newest first. */
  record Service(String cluster, String service, Optional<String> stack, String taskDefinition, int desiredCount,
      int runningCount, int healthyCount, int pendingCount, Optional<String> rolloutState, boolean failed,
      List<Deployment> deployments) {
    static Service of(ServiceView s) {
      List<Deployment> deployments = s.deployments().stream().map(d -> new Deployment(d.id(), d.taskDefinition(),
          d.status().name(), d.rolloutState().name(), d.rolloutStateReason(), d.desiredCount(), d.runningCount(),
          d.healthyCount(), d.failedTasks())).toList();
      return new Service(s.cluster(), s.serviceName(), present(s.stack()), deployments.isEmpty() ? s.taskDefinition()
          : deployments.get(0).taskDefinition(), s.desiredCount(), s.runningCount(), s.healthyCount(), s.pendingCount(),
          deployments.stream().findFirst().map(Deployment::rolloutState), s.failed(), deployments);
    }
  }

  /** One deployment of a service. */
  record Deployment(String id, String taskDefinition, String status, String rolloutState, String rolloutStateReason,
      int desiredCount, int runningCount, int healthyCount, int failedTasks) {}

  /** One line of {@code berth events --json}: an event, with the format's version so each line stands alone. */
  record Event(int formatVersion, long seq, String time, Optional<String> cluster, String service, String message) {
    static Event of(ServiceEventRecord e) {
      return new Event(FORMAT_VERSION, e.seq(), e.createdAt().toString(), present(e.cluster()), e.serviceName(),
          e.message());
    }
  }

  /**
   * A name that may be empty, absent when it is: the stack of a service applied from no stack (a
   * plain desired.json), the cluster of an event of no service.
   */
  private static Optional<String> present(String name) {
    return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /** {@code document} laid out for people, with a trailing newline. */
  static String pretty(Object document) {
    try {
      return PRETTY.writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      // plain records of strings and numbers: failing to write one is a bug
      throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** {@code document} on one line, for a stream of JSON Lines. */
  static String line(Object document) {
    try {
      return LINE.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
