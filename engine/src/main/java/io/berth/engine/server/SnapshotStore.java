package io.berth.engine.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.autoscaling.AutoscalerState;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.scheduler.reconcile.ServiceRuntime;
import io.berth.engine.state.RuntimeBatch;
import io.berth.engine.state.RuntimeSnapshot;
import io.berth.engine.state.RuntimeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the control plane's {@link ControlPlaneSnapshot} on the state repository's runtime ref through
 * the state store's {@link RuntimeStore}, one JSON document per container instance, task,
 * deployment, service and event in the collections it documents ({@code services/<cluster>/<name>}
 * is what the planner reads), so plain {@code git} shows it and a restarted control plane resumes
 * from it. A commit replaces the whole runtime state (compare-and-swap on the ref) and batches
 * everything that changed since the last one: decisions are committed in the tick that makes them,
 * before anyone can see them; status-only changes wait up to an interval and go with the next
 * commit ({@link CommitUrgency} says which is which). Nothing changed, no commit.
 */
final class SnapshotStore {
  private static final ObjectMapper JSON = RuntimeJson.mapper();
  static final String META = "meta";
  /** One {@link ServiceRuntime} per service, {@code scheduler/<cluster>/<service>}. */
  private static final String SCHEDULER = "scheduler";
  private static final String AUTOSCALING = "autoscaling";
  /** Events per directory of {@code events/}, named after the first sequence number it may hold. */
  static final long EVENT_CHUNK = 50;

  private final RuntimeStore store;
  private Optional<String> base = Optional.empty();
  /**
   * The documents of the last write, as values and as the JSON bytes they became. The ticker writes
   * ten times a second and most documents (often all) are unchanged: comparing records is far
   * cheaper than serialising them and hashing Git blobs, CPU a rollout needs for Docker.
   */
  private Map<String, Object> lastValues = Map.of();
  private Map<String, byte[]> lastBytes = Map.of();
  /** The documents of the last {@link #write}, committed or not. */
  private Map<String, Object> seenValues = Map.of();
  /** Whether {@link #seenValues} differs from what is on the ref (status waiting for its batch). */
  private boolean pending;
  private Optional<Instant> lastCommitAt = Optional.empty();

  SnapshotStore(RuntimeStore store) {
    this.store = store;
  }

  /** The last runtime state written, or an empty one before the first write. */
  ControlPlaneSnapshot read() {
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
    // by sequence: a state written before events went into chunks lists them in another order
    List<ServiceEventRecord> events = new ArrayList<>(list(documents, RuntimeStore.EVENTS, ServiceEventRecord.class));
    events.sort(Comparator.comparingLong(ServiceEventRecord::seq));
    long nextSeq = documents.json(META, "control-plane")
        .map(bytes -> readTree(bytes).path("nextEventSeq").asLong(1)).orElse(1L);
    Map<String, AutoscaledService> autoscaling = new HashMap<>();
    for (String id : documents.ids(AUTOSCALING)) {
      autoscaling.put(id, read(documents, AUTOSCALING, id, AutoscaledService.class));
    }
    return new ControlPlaneSnapshot(instances, tasks, runtimes, events, nextSeq, autoscaling);
  }

  /**
   * Records {@code snapshot}: commits it at once when a decision changed ({@link CommitUrgency}) or
   * when the last commit is at least {@code statusInterval} old, else keeps its status-only changes
   * pending for a later write ({@link Duration#ZERO} commits any change at once, as on close).
   * {@code message} is asked for only when committing.
   */
  Outcome write(ControlPlaneSnapshot snapshot, List<ObservedServiceDocument> services, Supplier<String> message,
      Instant now, Duration statusInterval) {
    Map<String, Object> values = documents(snapshot, services);
    if (!values.equals(seenValues)) {
      boolean urgent = CommitUrgency.urgent(seenValues, values);
      seenValues = values;
      pending = !values.equals(lastValues);
      if (urgent) {
        return commit(message, now);
      }
    }
    if (!pending) {
      return Outcome.UNCHANGED;
    }
    boolean due = lastCommitAt.map(at -> !now.isBefore(at.plus(statusInterval))).orElse(true);
    return due ? commit(message, now) : Outcome.DEFERRED;
  }

  /** The message of a runtime commit from {@code before} to {@code after}. */
  static String summary(ControlPlaneSnapshot before, ControlPlaneSnapshot after) {
    long placed = after.tasks().keySet().stream().filter(id -> !before.tasks().containsKey(id)).count();
    long stopping = after.tasks().values().stream()
        .filter(t -> t.desiredStatus() == DesiredStatus.STOPPED)
        .filter(t -> Optional.ofNullable(before.tasks().get(t.taskId())).map(b -> b.desiredStatus() == DesiredStatus.RUNNING).orElse(false))
        .count();
    return "runtime: " + placed + " placed, " + stopping + " stopping, " + after.tasks().size() + " tasks known";
  }

  /** What a {@link #write} did. */
  enum Outcome {
    /** Nothing differs from the runtime ref. */
    UNCHANGED,
    /** Status-only changes wait for the next batch. */
    DEFERRED,
    /** The runtime ref has the snapshot now. */
    COMMITTED
  }

  private Outcome commit(Supplier<String> message, Instant now) {
    Map<String, Object> values = seenValues;
    Map<String, Optional<byte[]>> documents = new LinkedHashMap<>();
    Map<String, byte[]> bytes = new HashMap<>();
    values.forEach((path, value) -> {
      Object last = lastValues.get(path);
      byte[] json = last == value || value.equals(last) ? lastBytes.get(path) : json(path, value);
      bytes.put(path, json);
      documents.put(path, Optional.of(json));
    });
    Optional<String> commit = store.commitIfChanged(new RuntimeBatch(base, message.get(), documents, true));
    commit.ifPresent(id -> base = Optional.of(id));
    lastValues = values;
    lastBytes = bytes;
    lastCommitAt = Optional.of(now);
    pending = false;
    return commit.isPresent() ? Outcome.COMMITTED : Outcome.UNCHANGED;
  }

  /** The snapshot as runtime documents by path, in a stable order. */
  private static Map<String, Object> documents(ControlPlaneSnapshot snapshot, List<ObservedServiceDocument> services) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (InstanceRecord instance : snapshot.instances().values()) {
      // Every sync moves lastSyncAt; a restart resets it anyway, so it is not worth a commit per sync.
      put(values, RuntimeStore.CONTAINER_INSTANCES, instance.instanceId(), instance.withLastSyncAt(instance.registeredAt()));
    }
    for (TaskRecord task : snapshot.tasks().values()) {
      // A tree per service: a commit changing one task rewrites its service's tree, not the cluster's.
      put(values, RuntimeStore.TASKS, task.cluster() + "/" + task.serviceName() + "/" + task.taskId(), task);
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
      put(values, AUTOSCALING, key, new AutoscaledService(scaled.desiredCount(), new AutoscalerState(
          s.lastScaleOut(), s.lastScaleIn(), s.scheduledMinCapacity(), s.scheduledMaxCapacity(), Optional.empty())));
    });
    for (ObservedServiceDocument service : services) {
      put(values, RuntimeStore.SERVICES, service.cluster() + "/" + service.serviceName(), service);
    }
    for (ServiceEventRecord event : snapshot.events()) {
      // In chunks of EVENT_CHUNK: a new event rewrites its chunk's small tree, not a tree of 500.
      put(values, RuntimeStore.EVENTS, eventId(event.seq() - event.seq() % EVENT_CHUNK) + "/" + eventId(event.seq()),
          event);
    }
    put(values, META, "control-plane", Map.of("nextEventSeq", snapshot.nextEventSeq()));
    return values;
  }

  /** {@code %09d} without {@link String#format}, which costs a locale lookup per call (500 events a tick). */
  static String eventId(long seq) {
    String digits = Long.toString(seq);
    return digits.length() >= 9 || seq < 0 ? String.format("%09d", seq) : "000000000".substring(digits.length()) + digits;
  }

  /** What the planner reads per service: the count and revision kept now. */
  record ObservedServiceDocument(String cluster, String serviceName, int desiredCount, String taskDefinition,
      int runningCount) {
    /** The document of a full view (the reconciler builds it with {@link ServiceViews#observed}, without health). */
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

  private static JsonNode readTree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("runtime document meta/control-plane is not JSON", e);
    }
  }
}
