package io.berth.engine.docker;

import io.berth.model.ContainerDefinition;
import io.berth.model.RestartPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECS's container restart policy for the containers of one task, as ECS's agent applies it: a
 * container whose policy is enabled and that exits, essential or not, is started again in place
 * when its exit code is not one of {@code ignoredExitCodes}, the task is not stopping, and it ran
 * for at least {@code restartAttemptPeriod} seconds (300 by default) since it was started or last
 * restarted; so it restarts at most once per period, and one that keeps failing sooner is left
 * exited (an essential one then stops its task, as without a policy). Each exit is judged once.
 * Time comes in as the instants the caller reads from its clock; Docker is reached through the
 * caller's {@link Starter}.
 *
 * <pre>{@code
 * restarts.started("app", now);                              // the agent started it
 * restarts.restartExited(spec, observedByName, now, stopping, (name, container) -> runtime.start(...));
 * }</pre>
 */
final class ContainerRestarts {
  private static final System.Logger LOG = System.getLogger(TaskRun.class.getName());
  /** ECS's default restartAttemptPeriod, in seconds. */
  static final int DEFAULT_ATTEMPT_PERIOD = 300;

  /** What the policy says about one exit, with the reason in a sentence for the agent's log. */
  record Verdict(boolean restart, String reason) {}

  /** A container's restarts so far and when its current run began; {@code judged} once its exit was judged. */
  private record Track(int count, Instant since, boolean judged) {}

  private final Map<String, Track> tracks = new ConcurrentHashMap<>();

  /** The agent started {@code container} at {@code at}: its run, and so its attempt period, begins. */
  void started(String container, Instant at) {
    Track track = tracks.get(container);
    tracks.put(container, new Track(track == null ? 0 : track.count(), at, false));
  }

  /**
   * A container just created, or found on Docker by an agent that did not start it (an adoption):
   * its run began when Docker says, and an exit that happened before this agent watched is not
   * judged again. A created container's run begins when it is {@link #started}.
   */
  void adopted(String container, ContainerObservation observed) {
    if (!tracks.containsKey(container)) {
      tracks.put(container, new Track(0, observed.startedAt().orElse(Instant.EPOCH), observed.stopped()));
    }
  }

  /** Starts a container of the task again (Docker's start of the exited container). */
  @FunctionalInterface
  interface Starter {
    void start(String name, ContainerDefinition container);
  }

  /**
   * Judges the exit of each exited container of {@code observed} (the task's containers by name)
   * once, restarting through {@code starter} those whose policy says so, and logs each verdict.
   */
  void restartExited(TaskSpec spec, Map<String, ContainerObservation> observed, Instant now, boolean stopping,
      Starter starter) {
    for (ContainerDefinition container : spec.taskDefinition().containerDefinitions()) {
      Optional<Verdict> verdict = judge(container, observed.get(container.name()), now, stopping)
          .filter(v -> container.restartPolicy().isPresent());
      if (verdict.isEmpty()) {
        continue;
      }
      LOG.log(Level.INFO, "task " + spec.taskId() + ": container " + container.name() + " exited; "
          + (verdict.get().restart() ? "restarting it in place: " : "not restarted: ") + verdict.get().reason());
      if (verdict.get().restart()) {
        starter.start(container.name(), container);
        restarted(container.name(), now);
      }
    }
  }

  /** The policy restarted {@code container} at {@code at}. */
  void restarted(String container, Instant at) {
    Track track = tracks.get(container);
    tracks.put(container, new Track(track == null ? 1 : track.count() + 1, at, false));
  }

  /**
   * Whether the exit {@code exited} shows should restart the container; empty when there is nothing
   * to judge (the container runs, never started, or its exit was judged already). Judging marks the
   * exit judged.
   *
   * @param stopping whether the task is stopping (then nothing restarts)
   */
  Optional<Verdict> judge(ContainerDefinition container, ContainerObservation exited, Instant now, boolean stopping) {
    Track track = tracks.get(container.name());
    if (!exited.stopped() || exited.startedAt().isEmpty() || track == null || track.judged()) {
      return Optional.empty();
    }
    tracks.put(container.name(), new Track(track.count(), track.since(), true));
    return Optional.of(verdict(container.restartPolicy(), exited.exitCode(), track.since(), now, stopping));
  }

  /** The ECS rule itself, for one exit of a container whose run began at {@code since}. */
  static Verdict verdict(Optional<RestartPolicy> policy, Optional<Integer> exitCode, Instant since, Instant now,
      boolean stopping) {
    if (policy.isEmpty() || !policy.get().enabled()) {
      return new Verdict(false, "it has no restart policy");
    }
    if (stopping) {
      return new Verdict(false, "its task is stopping");
    }
    if (exitCode.isEmpty()) {
      return new Verdict(false, "it has no exit code (removed outside Berth)");
    }
    if (policy.get().ignoredExitCodes().contains(exitCode.get())) {
      return new Verdict(false, "its restart policy ignores exit code " + exitCode.get());
    }
    int period = policy.get().restartAttemptPeriod().orElse(DEFAULT_ATTEMPT_PERIOD);
    Duration ran = Duration.between(since, now);
    if (ran.compareTo(Duration.ofSeconds(period)) < 0) {
      return new Verdict(false, "it ran " + Math.max(0, ran.toSeconds()) + " s since its last start, less than its"
          + " restartAttemptPeriod of " + period + " s");
    }
    return new Verdict(true, "exit code " + exitCode.get() + " after " + ran.toSeconds() + " s");
  }

  /** Restarts per container that has been restarted, by name. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    tracks.forEach((name, track) -> {
      if (track.count() > 0) {
        counts.put(name, track.count());
      }
    });
    return counts;
  }
}
