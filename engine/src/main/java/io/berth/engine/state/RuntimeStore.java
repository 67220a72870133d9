package io.berth.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.state.GitTrees.Listing;
import io.berth.plans.ObservedService;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  /** What bounds the ref's history; empty for a ref this store only reads. */
  private final Optional<RuntimeHistory> history;
  /** The files of the last commit this store wrote or looked at (see {@link #filesOf}). */
  private volatile FilesAt lastFiles;

  RuntimeStore(Repository repo, Clock clock, RuntimeHistory history) {
    this(repo, clock, StateRepository.RUNTIME, Optional.of(history));
  }

  RuntimeStore(Repository repo, Clock clock, String ref, Optional<RuntimeHistory> history) {
    this.repo = repo;
    this.clock = clock;
    this.ref = ref;
    this.history = history;
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
    Listing baseFiles = base.map(this::filesOf).orElse(EMPTY);
    return commit(batch, base, baseFiles, after(batch, baseFiles.files())).name();
  }

  private static final Listing EMPTY = new Listing(Map.of(), Map.of());

  /**
   * Writes the files {@code after} as a commit on {@code base}. Only new content is written: a
   * document the batch puts back unchanged (a replacement puts back every one) keeps the base's
   * blob, which the base's tree reaches, and the compare-and-swap holds only if the base is still
   * the tip.
   */
  private ObjectId commit(RuntimeBatch batch, Optional<ObjectId> base, Listing baseFiles,
      Map<String, ObjectId> after) {
    Map<String, byte[]> content = new TreeMap<>();
    after.forEach((path, blob) -> {
      Optional<byte[]> edit = batch.edits().get(path);
      if (edit != null && !blob.equals(baseFiles.files().get(path))) {
        content.put(path, edit.orElseThrow());
      }
    });
    GitTrees.Written written;
    try (ObjectSink objects = ObjectSink.forFreshCommit(repo, content.size())) {
      written = GitTrees.commitChanges(objects, baseFiles, content, after, base, batch.message().strip() + "\n",
          clock.instant());
    } catch (IOException | UncheckedIOException e) {
      throw new StateException("cannot write to " + repo.getDirectory() + " (" + GitTrees.why(e) + "); check the disk"
          + " and the permissions; nothing was changed (no ref moved)", e);
    }
    GitRefs.compareAndSwap(repo, ref, base, written.commit(), "berth runtime");
    ObjectId tip = history.map(h -> h.committed(written.commit())).orElse(written.commit());
    lastFiles = new FilesAt(tip.copy(), new Listing(Collections.unmodifiableMap(after),
        Collections.unmodifiableMap(written.trees())));
    return tip;
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
    Listing baseFiles = base.map(this::filesOf).orElse(EMPTY);
    Map<String, ObjectId> after = after(batch, baseFiles.files());
    if (after.equals(baseFiles.files()) && base.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(commit(batch, base, baseFiles, after).name());
  }

  /**
   * The files of {@code commit}'s tree, from {@link #lastFiles} when that is the commit: the control
   * plane commits on top of its own last commit several times a second during a rollout, and reading
   * the whole tree back each time cost about a third of what writing the change did.
   */
  private Listing filesOf(ObjectId commit) {
    FilesAt cached = lastFiles;
    if (cached != null && cached.commit().equals(commit)) {
      return cached.listing();
    }
    Listing listing = GitTrees.listing(repo, commit);
    lastFiles = new FilesAt(commit.copy(), listing);
    return listing;
  }

  /** A commit and the files and trees of its tree: a commit never changes, so this never goes stale. */
  private record FilesAt(ObjectId commit, Listing listing) {}

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
