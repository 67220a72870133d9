package io.berth.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.plans.ObservedService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The control plane's runtime state on {@code refs/berth/runtime}: container instances, tasks,
 * deployments, observed services and events, as JSON documents (see {@link RuntimeSnapshot}).
 * Writes are batched, one commit per {@link RuntimeBatch}, and compare-and-swap on the ref.
 *
 * <p>Conventions the planner relies on: documents in {@link #SERVICES} have id
 * {@code <cluster>/<serviceName>} and members {@code cluster}, {@code serviceName},
 * {@code desiredCount} (the count being kept now, e.g. after autoscaling) and {@code taskDefinition}
 * ({@code family:revision}); other members are ignored. {@code berth plan} shows a difference
 * between those and the declared state as a change made outside Berth. Documents in {@link
 * #CONTAINER_INSTANCES} have members {@code cluster}, {@code status} and {@code attributes}, from
 * which the planner reads whether an instance can enforce task-level cpu and memory.
 *
 * <pre>{@code
 * RuntimeStore runtime = state.runtime();
 * RuntimeSnapshot now = runtime.read();
 * List<MyTask> tasks = now.list(RuntimeStore.TASKS, MyTask.class);
 * runtime.commit(now.batch().put(RuntimeStore.EVENTS, "0000042", event).build("1 event"));   // CAS
 * runtime.update(s -> s.batch().put(RuntimeStore.SERVICES, "prod/web", observed).build("scaled"));  // retries
 * }</pre>
 */
public final class RuntimeStore {
  /** Registered container instances, id = container instance id. */
  public static final String CONTAINER_INSTANCES = "container-instances";
  /** Tasks, id = {@code <cluster>/<taskId>}. */
  public static final String TASKS = "tasks";
  /** Service deployments, id = {@code <cluster>/<service>/<deploymentId>}. */
  public static final String DEPLOYMENTS = "deployments";
  /** What the control plane keeps per service, id = {@code <cluster>/<service>} (read by the planner). */
  public static final String SERVICES = "services";
  /** Service events, id = a sortable sequence such as {@code <cluster>/<service>/000000042}. */
  public static final String EVENTS = "events";

  private static final int RETRIES = 8;
  private final Repository repo;
  private final Clock clock;
  /** {@value StateRepository#RUNTIME}, or {@value StateRepository#OBSERVED} read for a remote state's plans. */
  private final String ref;
  /** The files of the last commit this store wrote or looked at (see {@link #filesOf}). */
  private volatile FilesAt lastFiles;

  RuntimeStore(Repository repo, Clock clock) {
    this(repo, clock, StateRepository.RUNTIME);
  }

  RuntimeStore(Repository repo, Clock clock, String ref) {
    this.repo = repo;
    this.clock = clock;
    this.ref = ref;
  }

  /** The runtime state at the tip of the runtime ref (empty before the first write). */
  public RuntimeSnapshot read() {
    return readUnder("");
  }

  /** The documents of one collection only, e.g. {@link #SERVICES}: cheaper when the rest is large. */
  public RuntimeSnapshot read(String collection) {
    return readUnder(RuntimeSnapshot.path(collection, "x").replace("/x.json", ""));
  }

  private RuntimeSnapshot readUnder(String prefix) {
    Optional<ObjectId> tip = GitRefs.read(repo, ref);
    if (tip.isEmpty()) {
      return new RuntimeSnapshot(Optional.empty(), Map.of());
    }
    Map<String, ObjectId> files = GitTrees.files(repo, tip.get(), prefix);
    Map<String, byte[]> documents = new TreeMap<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      for (Map.Entry<String, ObjectId> file : files.entrySet()) {
        documents.put(file.getKey(), GitTrees.read(repo, reader, file.getKey(), file.getValue()));
      }
    }
    return new RuntimeSnapshot(Optional.of(tip.get().name()), documents);
  }

  /**
   * Commits {@code batch} if the runtime ref is still at the batch's base; returns the new commit.
   *
   * @throws StaleStateException when someone else committed first (re-read and rebuild the batch)
   * @throws StateLockedException when another writer holds the lock right now
   */
  public String commit(RuntimeBatch batch) {
    Optional<ObjectId> base = batch.base().map(ObjectId::fromString);
    Map<String, ObjectId> baseFiles = base.map(this::filesOf).orElse(Map.of());
    return commit(batch, base, baseFiles, after(batch, baseFiles)).name();
  }

  /**
   * Writes the files {@code after} as a commit on {@code base}. Only new content is written: a
   * document the batch puts back unchanged (a replacement puts back every one) keeps the base's
   * blob, which the base's tree reaches, and the compare-and-swap holds only if the base is still
   * the tip.
   */
  private ObjectId commit(RuntimeBatch batch, Optional<ObjectId> base, Map<String, ObjectId> baseFiles,
      Map<String, ObjectId> after) {
    Map<String, ObjectId> kept = new TreeMap<>();
    Map<String, byte[]> content = new TreeMap<>();
    after.forEach((path, blob) -> {
      Optional<byte[]> edit = batch.edits().get(path);
      if (edit == null || blob.equals(baseFiles.get(path))) {
        kept.put(path, blob);
      } else {
        content.put(path, edit.orElseThrow());
      }
    });
    ObjectId commit = GitTrees.commit(repo, content, kept, base, batch.message().strip() + "\n", clock.instant());
    GitRefs.compareAndSwap(repo, ref, base, commit, "berth runtime");
    return commit;
  }

  /** The files of the commit {@code batch} makes on a base with {@code baseFiles}: path to blob id. */
  private static Map<String, ObjectId> after(RuntimeBatch batch, Map<String, ObjectId> baseFiles) {
    Map<String, ObjectId> after = new TreeMap<>(batch.replaceAll() ? Map.of() : baseFiles);
    for (Map.Entry<String, Optional<byte[]>> edit : batch.edits().entrySet()) {
      after.remove(edit.getKey());
      edit.getValue().ifPresent(json -> after.put(edit.getKey(), GitTrees.blobId(json)));
    }
    return after;
  }

  /**
   * As {@link #commit}, but writes nothing when the batch would leave every document as it is
   * (a quiet tick costs no commit). Returns the new commit, or empty when nothing changed.
   */
  public Optional<String> commitIfChanged(RuntimeBatch batch) {
    Optional<ObjectId> base = batch.base().map(ObjectId::fromString);
    Map<String, ObjectId> baseFiles = base.map(this::filesOf).orElse(Map.of());
    Map<String, ObjectId> after = after(batch, baseFiles);
    if (after.equals(baseFiles) && base.isPresent()) {
      return Optional.empty();
    }
    ObjectId commit = commit(batch, base, baseFiles, after);
    lastFiles = new FilesAt(commit.copy(), Collections.unmodifiableMap(after));
    return Optional.of(commit.name());
  }

  /**
   * The files of {@code commit}'s tree, from {@link #lastFiles} when that is the commit: the control
   * plane commits on top of its own last commit several times a second during a rollout, and reading
   * the whole tree back each time cost about a third of what writing the change did.
   */
  private Map<String, ObjectId> filesOf(ObjectId commit) {
    FilesAt cached = lastFiles;
    if (cached != null && cached.commit().equals(commit)) {
      return cached.files();
    }
    Map<String, ObjectId> files = Collections.unmodifiableMap(GitTrees.files(repo, commit));
    lastFiles = new FilesAt(commit.copy(), files);
    return files;
  }

  /** A commit and the files of its tree: a commit never changes, so this never goes stale. */
  private record FilesAt(ObjectId commit, Map<String, ObjectId> files) {}

  /**
   * Reads, builds a batch with {@code change} and commits it, re-reading and retrying a few times if
   * another writer got in first. Returns the snapshot after the write.
   */
  public RuntimeSnapshot update(Function<RuntimeSnapshot, RuntimeBatch> change) {
    StateException last = null;
    for (int attempt = 0; attempt < RETRIES; attempt++) {
      RuntimeSnapshot now = read();
      RuntimeBatch batch = change.apply(now);
      if (batch.edits().isEmpty()) {
        return now;
      }
      try {
        commit(batch);
        return read();
      } catch (StaleStateException | StateLockedException e) {
        last = e;
        sleepBriefly(attempt);
      }
    }
    throw new StateException("runtime state update gave up after " + RETRIES + " attempts: " + last.getMessage(), last);
  }

  /** The services the control plane reports, for the planner's outside-change check. */
  List<ObservedService> observedServices() {
    RuntimeSnapshot now = read(SERVICES);
    List<ObservedService> observed = new ArrayList<>();
    for (String id : now.ids(SERVICES)) {
      JsonNode node = now.get(SERVICES, id, JsonNode.class).orElseThrow();
      String[] parts = id.split("/", 2);
      if (parts.length != 2) {
        continue;
      }
      observed.add(new ObservedService(parts[0], parts[1],
          node.hasNonNull("desiredCount") ? Optional.of(node.get("desiredCount").asInt()) : Optional.empty(),
          node.hasNonNull("taskDefinition") ? Optional.of(node.get("taskDefinition").asText()) : Optional.empty()));
    }
    return observed;
  }

  private static void sleepBriefly(int attempt) {
    try {
      Thread.sleep(5L << Math.min(attempt, 6));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException("interrupted while retrying a runtime state update", e);
    }
  }

}
