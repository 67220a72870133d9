package io.berth.engine.server;

import io.berth.engine.scheduler.reconcile.SchedulerSettings;
import io.berth.engine.scheduler.reconcile.ServiceRuntime;
import io.berth.model.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the ticker's next pass can be left out: a cluster at rest (1,000 hosts and 30,000 tasks
 * with nothing changing) would otherwise pay a scheduler pass, a comparison of every runtime document
 * and the assignments of every waiting sync four times a second, for nothing.
 *
 * <p>A pass may be left out when the last pass changed nothing (its snapshot out equals its snapshot
 * in: no task, runtime, event or auto scaling change, no status waiting for its commit batch), nothing
 * changed since (the same declared commit, the same task, runtime and event maps, the same instances
 * but for their last sync time), no instance has been silent for {@code lostAfter}, and no timer of
 * the pass falls due: a task counting healthy {@code healthyAfter} after it started running, an
 * unhealthy task's health check grace period running out, a start-failure throttle lifting, an
 * "unable to place" event repeating, a stopped task being forgotten an hour after it stopped.
 * Services that scale automatically are evaluated every pass (their metrics move on their own), so
 * while one is declared no pass is left out. And a pass runs at least every {@link #LONGEST_REST},
 * so a timer this class does not know of is late by that at most.
 *
 * <p>Pure bookkeeping over immutable snapshots, used under the control plane's lock.
 */
final class QuietTicks {
  /** The longest run of passes left out. */
  static final Duration LONGEST_REST = Duration.ofSeconds(10);
  /** How long a stopped task is kept ({@link SchedulerRun}'s prune). */
  private static final Duration FORGET_STOPPED_AFTER = Duration.ofHours(1);

  private final ReconcileSettings settings;
  /** The snapshot the last pass left, when that pass changed nothing; else empty. */
  private Optional<ControlPlaneSnapshot> rested = Optional.empty();
  private DeclaredSnapshot declared;
  /** The earliest instant a pass must run again, even with nothing changed. */
  private Instant due = Instant.MIN;

  QuietTicks(ReconcileSettings settings) {
    this.settings = settings;
  }

  /**
   * Records a pass that turned {@code before} into {@code after} on {@code declared} at {@code now};
   * {@code statusPending} says whether status changes wait for their commit batch.
   */
  void passed(ControlPlaneSnapshot before, ControlPlaneSnapshot after, DeclaredSnapshot declared, Instant now,
      boolean statusPending) {
    boolean still = !statusPending && declared.scaling().isEmpty() && unchanged(before, after);
    this.rested = still ? Optional.of(after) : Optional.empty();
    this.declared = declared;
    this.due = still ? nextTimer(after, declared, now) : Instant.MIN;
  }

  /** A pass failed (its commit, say): the next one runs. */
  void failed() {
    rested = Optional.empty();
  }

  /**
   * Whether the pass over {@code current} (the snapshot with the syncs heard since, before the pass)
   * on {@code declaredNow} at {@code now} can be left out.
   */
  boolean mayRest(ControlPlaneSnapshot current, DeclaredSnapshot declaredNow, Instant now) {
    if (rested.isEmpty() || declaredNow != declared || !now.isBefore(due)) {
      return false;
    }
    ControlPlaneSnapshot last = rested.get();
    // A sync that changes nothing shares these maps; any change makes new ones (ControlPlaneSnapshot).
    return current.tasks() == last.tasks() && current.runtimes() == last.runtimes()
        && current.autoscaling() == last.autoscaling() && current.nextEventSeq() == last.nextEventSeq()
        && sameInstances(current.instances(), last.instances(), now);
  }

  private static boolean unchanged(ControlPlaneSnapshot before, ControlPlaneSnapshot after) {
    return before.nextEventSeq() == after.nextEventSeq() && before.tasks().equals(after.tasks())
        && before.runtimes().equals(after.runtimes()) && before.autoscaling().equals(after.autoscaling())
        && before.instances().size() == after.instances().size();
  }

  /** The same instances as {@code last} but for their last sync time, none of them silent too long. */
  private boolean sameInstances(Map<String, InstanceRecord> current, Map<String, InstanceRecord> last, Instant now) {
    if (current == last) {
      return noneSilent(current, now);
    }
    if (current.size() != last.size()) {
      return false;
    }
    for (InstanceRecord instance : current.values()) {
      InstanceRecord before = last.get(instance.instanceId());
      if (before == null || !instance.withLastSyncAt(before.lastSyncAt()).equals(before)) {
        return false;
      }
    }
    return noneSilent(current, now);
  }

  /** No ACTIVE instance would be marked LOST by a pass now (the rule of {@link SchedulerRun}). */
  private boolean noneSilent(Map<String, InstanceRecord> instances, Instant now) {
    for (InstanceRecord instance : instances.values()) {
      if (instance.missedSyncs(settings.lostAfter(), now)) {
        return false;
      }
    }
    return true;
  }

  /** The first instant after {@code now} at which a pass over {@code snapshot} could decide otherwise. */
  private Instant nextTimer(ControlPlaneSnapshot snapshot, DeclaredSnapshot declared, Instant now) {
    Instant[] next = {now.plus(LONGEST_REST)};
    Map<String, Integer> grace = new HashMap<>();
    for (Service service : declared.services()) {
      grace.put(ControlPlaneSnapshot.serviceKey(service.cluster(), service.serviceName()),
          service.healthCheckGracePeriodSeconds().orElse(0));
    }
    for (TaskRecord task : snapshot.tasks().values()) {
      if (task.alive()) {
        task.runningSince().ifPresent(since -> {
          earliest(next, now, since.plus(settings.healthyAfter()));
          earliest(next, now, since.plusSeconds(grace.getOrDefault(
              ControlPlaneSnapshot.serviceKey(task.cluster(), task.serviceName()), 0)));
        });
      } else {
        task.stoppedAt().ifPresent(at -> earliest(next, now, at.plus(FORGET_STOPPED_AFTER)));
      }
    }
    Duration unplacedInterval = SchedulerSettings.defaults().unplacedEventInterval();
    for (ServiceRuntime runtime : snapshot.runtimes().values()) {
      runtime.retryAfter().ifPresent(at -> earliest(next, now, at));
      if (runtime.lastUnplacedReason().isPresent()) {
        runtime.lastUnplacedAt().ifPresent(at -> earliest(next, now, at.plus(unplacedInterval)));
      }
    }
    return next[0];
  }

  /** Moves {@code next[0]} to {@code at} when {@code at} is after {@code now} and before it. */
  private static void earliest(Instant[] next, Instant now, Instant at) {
    if (at.isAfter(now) && at.isBefore(next[0])) {
      next[0] = at;
    }
  }
}
