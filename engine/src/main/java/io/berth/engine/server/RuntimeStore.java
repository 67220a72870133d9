package io.berth.engine.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Keeps the control plane's runtime state in the state repository under {@value #RUNTIME_REF}, one
 * JSON file per container instance, task, deployment, service and event, in the collections the
 * state store documents ({@code container-instances/}, {@code tasks/<cluster>/},
 * {@code deployments/<cluster>/<service>/}, {@code services/<cluster>/<service>.json} which the
 * planner reads, {@code events/}), so plain {@code git} shows it and a restarted control plane
 * resumes from it. Each {@link #write} is at most one
 * commit (a batch: everything that changed in one tick), skipped when nothing changed, and moves
 * the ref with compare-and-swap.
 */
final class RuntimeStore {
  static final String RUNTIME_REF = "refs/berth/runtime";
  private static final ObjectMapper JSON = RuntimeJson.mapper();

  private final Repository repository;
  private ObjectId lastTree = ObjectId.zeroId();

  RuntimeStore(Repository repository) {
    this.repository = repository;
  }

  /** The last runtime state written, or an empty one when the ref does not exist yet. */
  ClusterSnapshot read() {
    try {
      ObjectId head = repository.resolve(RUNTIME_REF);
      if (head == null) {
        return ClusterSnapshot.empty();
      }
      Map<String, InstanceRecord> instances = new HashMap<>();
      Map<String, TaskRecord> tasks = new HashMap<>();
      Map<String, Deployment> deployments = new HashMap<>();
      List<ServiceEvent> events = new java.util.ArrayList<>();
      long nextSeq = 1;
      try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
        RevCommit commit = walk.parseCommit(head);
        lastTree = commit.getTree().getId();
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          String path = tree.getPathString();
          byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
          if (path.startsWith("container-instances/")) {
            InstanceRecord instance = JSON.readValue(bytes, InstanceRecord.class);
            instances.put(instance.instanceId(), instance);
          } else if (path.startsWith("tasks/")) {
            TaskRecord task = JSON.readValue(bytes, TaskRecord.class);
            tasks.put(task.taskId(), task);
          } else if (path.startsWith("deployments/")) {
            Deployment deployment = JSON.readValue(bytes, Deployment.class);
            deployments.put(deployment.id(), deployment);
          } else if (path.startsWith("events/")) {
            events.add(JSON.readValue(bytes, ServiceEvent.class));
          } else if (path.equals("meta.json")) {
            nextSeq = JSON.readTree(bytes).path("nextEventSeq").asLong(1);
          }
        }
      }
      return new ClusterSnapshot(instances, tasks, deployments, events, nextSeq);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runtime state " + RUNTIME_REF + " in "
          + repository.getDirectory() + "; fix or delete that ref (git update-ref -d " + RUNTIME_REF + ")", e);
    }
  }

  /** Commits the snapshot if it differs from the last one written; returns whether it committed. */
  boolean write(ClusterSnapshot snapshot, java.util.List<ServiceView> services, String message, Instant now) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (InstanceRecord instance : snapshot.instances().values()) {
        // Every sync moves lastSyncAt; a restart resets it anyway, so it is not worth a commit per sync.
        add(builder, inserter, "container-instances/" + instance.instanceId() + ".json",
            instance.withLastSyncAt(instance.registeredAt()));
      }
      for (TaskRecord task : snapshot.tasks().values()) {
        add(builder, inserter, "tasks/" + task.cluster() + "/" + task.taskId() + ".json", task);
      }
      for (Deployment deployment : snapshot.deployments().values()) {
        add(builder, inserter, "deployments/" + deployment.cluster() + "/" + deployment.serviceName() + "/"
            + deployment.id().replace('/', ':') + ".json", deployment);
      }
      for (ServiceView service : services) {
        add(builder, inserter, "services/" + service.cluster() + "/" + service.serviceName() + ".json",
            new ObservedServiceDocument(service));
      }
      for (ServiceEvent event : snapshot.events()) {
        add(builder, inserter, String.format("events/%09d.json", event.seq()), event);
      }
      add(builder, inserter, "meta.json", Map.of("nextEventSeq", snapshot.nextEventSeq()));
      builder.finish();
      ObjectId tree = index.writeTree(inserter);
      if (tree.equals(lastTree)) {
        return false;
      }
      ObjectId parent = repository.resolve(RUNTIME_REF);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent who = new PersonIdent("berth control plane", "control-plane@berth.local", now, java.time.ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef(RUNTIME_REF);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
      update.setRefLogMessage("berth runtime: " + message, false);
      RefUpdate.Result result = update.update();
      switch (result) {
        case NEW, FAST_FORWARD, FORCED -> {
          lastTree = tree;
          return true;
        }
        case LOCK_FAILURE -> throw new IllegalStateException("another process moved " + RUNTIME_REF
            + " (or holds its lock); run only one control plane per state repository");
        default -> throw new IllegalStateException("cannot move " + RUNTIME_REF + ": " + result);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the runtime state to " + repository.getDirectory(), e);
    }
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

  private static void add(DirCacheBuilder builder, ObjectInserter inserter, String path, Object value) throws IOException {
    DirCacheEntry entry = new DirCacheEntry(path);
    entry.setFileMode(FileMode.REGULAR_FILE);
    entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, JSON.writeValueAsBytes(value)));
    builder.add(entry);
  }
}
