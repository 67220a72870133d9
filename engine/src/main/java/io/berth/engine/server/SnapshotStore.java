package io.berth.engine.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.engine.scheduler.Deployment;
import io.berth.engine.scheduler.ServiceRuntime;
import io.berth.engine.state.RuntimeBatch;
import io.berth.engine.state.RuntimeSnapshot;
import io.berth.engine.state.RuntimeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the control plane's {@link ClusterSnapshot} on the state repository's runtime ref through
 * the state store's {@link RuntimeStore}, one JSON document per container instance, task,
 * deployment, service and event in the collections it documents ({@code services/<cluster>/<name>}
 * is what the planner reads), so plain {@code git} shows it and a restarted control plane resumes
 * from it. Each {@link #write} replaces the whole runtime state in at most one commit (a batch:
 * everything that changed in one tick), none when nothing changed, compare-and-swap on the ref.
 */
final class SnapshotStore {
  private static final ObjectMapper JSON = RuntimeJson.mapper();
  private static final String META = "meta";
  /** One {@link ServiceRuntime} per service, {@code scheduler/<cluster>/<service>}. */
  private static final String SCHEDULER = "scheduler";
  private static final String AUTOSCALING = "autoscaling";

  private final RuntimeStore store;
  private Optional<String> base = Optional.empty();
  /**
   * The documents of the last write, as values and as the JSON bytes they became. The ticker writes
   * ten times a second and most documents (often all) are unchanged: comparing records is far
   * cheaper than serialising them and hashing Git blobs, CPU a rollout needs for Docker.
   */
  private Map<String, Object> lastValues = Map.of();
  private Map<String, byte[]> lastBytes = Map.of();

  SnapshotStore(RuntimeStore store) {
    this.store = store;
  }

  /** The last runtime state written, or an empty one before the first write. */
  ClusterSnapshot read() {
    RuntimeSnapshot documents = store.read();
    base = documents.commit();
    Map<String, InstanceRecord> instances = new HashMap<>();
    for (InstanceRecord instance : list(documents, RuntimeStore.CONTAINER_INSTANCES, InstanceRecord.class)) {
      instances.put(instance.instanceId(), instance);
    }
    Map<String, TaskRecord> tasks = new HashMap<>();
    for (TaskRecord task : list(documents, RuntimeStore.TASKS, TaskRecord.class)) {
      tasks.put(task.taskId(), task);
    }
    Map<String, ServiceRuntime> runtimes = new HashMap<>();
    for (String id : documents.ids(SCHEDULER)) {
      runtimes.put(id, read(documents, SCHEDULER, id, ServiceRuntime.class));
    }
    List<ServiceEvent> events = list(documents, RuntimeStore.EVENTS, ServiceEvent.class);
    long nextSeq = documents.json(META, "control-plane")
        .map(bytes -> readTree(bytes).path("nextEventSeq").asLong(1)).orElse(1L);
    Map<String, AutoscaledService> autoscaling = new HashMap<>();
    for (String id : documents.ids(AUTOSCALING)) {
      autoscaling.put(id, read(documents, AUTOSCALING, id, AutoscaledService.class));
    }
    return new ClusterSnapshot(instances, tasks, runtimes, events, nextSeq, autoscaling);
  }

  /** Commits the snapshot if it differs from the last one written; returns whether it committed. */
  boolean write(ClusterSnapshot snapshot, List<ServiceView> services, String message) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (InstanceRecord instance : snapshot.instances().values()) {
      // Every sync moves lastSyncAt; a restart resets it anyway, so it is not worth a commit per sync.
      put(values, RuntimeStore.CONTAINER_INSTANCES, instance.instanceId(), instance.withLastSyncAt(instance.registeredAt()));
    }
    for (TaskRecord task : snapshot.tasks().values()) {
      put(values, RuntimeStore.TASKS, task.cluster() + "/" + task.taskId(), task);
    }
    for (Map.Entry<String, ServiceRuntime> entry : snapshot.runtimes().entrySet()) {
      // The scheduler's memory (resumed on restart), and each deployment on its own for people and tools.
      put(values, SCHEDULER, entry.getKey(), entry.getValue());
      for (Deployment deployment : entry.getValue().deployments()) {
        put(values, RuntimeStore.DEPLOYMENTS, entry.getKey() + "/" + deployment.id().replace('/', ':'), deployment);
      }
    }
    snapshot.autoscaling().forEach((key, scaled) -> {
      // lastEvaluated moves every tick; kept, it would be a commit per tick. After a restart the first
      // evaluation starts the clock again (scheduled actions missed while down are not replayed).
      var s = scaled.state();
      put(values, AUTOSCALING, key, new AutoscaledService(scaled.desiredCount(), new io.berth.engine.autoscaling.AutoscalerState(
          s.lastScaleOut(), s.lastScaleIn(), s.scheduledMinCapacity(), s.scheduledMaxCapacity(), Optional.empty())));
    });
    for (ServiceView service : services) {
      put(values, RuntimeStore.SERVICES, service.cluster() + "/" + service.serviceName(), new ObservedServiceDocument(service));
    }
    for (ServiceEvent event : snapshot.events()) {
      put(values, RuntimeStore.EVENTS, String.format("%09d", event.seq()), event);
    }
    put(values, META, "control-plane", Map.of("nextEventSeq", snapshot.nextEventSeq()));
    if (values.equals(lastValues)) {
      return false;
    }
    Map<String, Optional<byte[]>> documents = new LinkedHashMap<>();
    Map<String, byte[]> bytes = new HashMap<>();
    values.forEach((path, value) -> {
      byte[] json = value.equals(lastValues.get(path)) ? lastBytes.get(path) : json(path, value);
      bytes.put(path, json);
      documents.put(path, Optional.of(json));
    });
    Optional<String> commit = store.commitIfChanged(new RuntimeBatch(base, message, documents, true));
    commit.ifPresent(id -> base = Optional.of(id));
    lastValues = values;
    lastBytes = bytes;
    return commit.isPresent();
  }

  /** What the planner reads per service: the count and revision kept now. */
  record ObservedServiceDocument(String cluster, String serviceName, int desiredCount, String taskDefinition,
      int runningCount) {
    ObservedServiceDocument(ServiceView view) {
      this(view.cluster(), view.serviceName(), view.desiredCount(),
          view.deployments().isEmpty() ? view.taskDefinition() : view.deployments().get(0).taskDefinition(),
          view.runningCount());
    }
  }

  private static void put(Map<String, Object> values, String collection, String id, Object value) {
    values.put(collection + "/" + id + ".json", value);
  }

  private static byte[] json(String path, Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write runtime document " + path, e);
    }
  }

  private static <T> List<T> list(RuntimeSnapshot documents, String collection, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (String id : documents.ids(collection)) {
      values.add(read(documents, collection, id, type));
    }
    return values;
  }

  private static <T> T read(RuntimeSnapshot documents, String collection, String id, Class<T> type) {
    byte[] bytes = documents.json(collection, id).orElseThrow();
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("runtime document " + collection + "/" + id + " is not a valid "
          + type.getSimpleName() + " (" + e.getMessage().lines().findFirst().orElse("") + "); fix or remove it"
          + " on the runtime ref (refs/berth/runtime)", e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("runtime document meta/control-plane is not JSON", e);
    }
  }
}
