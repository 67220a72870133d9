package io.berth.engine.balancer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The targets of one listener and the rule that picks one for each request (HTTP) or connection
 * (TCP): round robin over the HEALTHY ones; when none is healthy but some are UNHEALTHY, over those
 * (ELB's fail-open); never an INITIAL or DRAINING one. A pick counts as in flight until released,
 * which is what draining waits for: a DRAINING target gets nothing new, and is drained once its
 * in-flight count is zero or its deregistration delay is over.
 */
final class TargetPool {
  /** How many targets a request may try when the first ones cannot be reached. */
  static final int MAX_ATTEMPTS = 3;

  final String cluster;
  final String serviceName;
  final int port;
  final RequestStats stats = new RequestStats();
  private final Clock clock;
  private final Consumer<BalancerEvent> events;
  private final Map<String, Target> targets = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private volatile TargetGroupSettings settings;
  /** The targets a pick chooses from, rebuilt whenever a target's state or the set changes. */
  private volatile Target[] routable = new Target[0];

  TargetPool(String cluster, String serviceName, int port, TargetGroupSettings settings, Clock clock,
      Consumer<BalancerEvent> events) {
    this.cluster = cluster;
    this.serviceName = serviceName;
    this.port = port;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
  }

  TargetGroupSettings settings() {
    return settings;
  }

  void settings(TargetGroupSettings value) {
    settings = value;
  }

  /**
   * Makes the targets {@code wanted}: new ones are registered (INITIAL), those whose task is in
   * {@code leaving} start DRAINING, the others go at once (their task stopped on its own or is gone).
   */
  synchronized void sync(List<TargetSpec> wanted, Set<String> leaving) {
    Instant now = clock.instant();
    Map<String, TargetSpec> byTask = new java.util.HashMap<>();
    wanted.forEach(spec -> byTask.put(spec.taskId(), spec));
    int drainingNow = 0;
    int deregistered = 0;
    for (Target target : List.copyOf(targets.values())) {
      TargetSpec spec = byTask.get(target.taskId);
      if (spec != null && spec.address().equals(target.address)) {
        continue;
      }
      if (spec == null && leaving.contains(target.taskId)) {
        if (target.update(h -> h.draining(now)).isPresent()) {
          drainingNow++;
        }
        continue;
      }
      targets.remove(target.taskId);
      deregistered++;
    }
    for (TargetSpec spec : wanted) {
      targets.computeIfAbsent(spec.taskId(), id -> new Target(id, spec.address(), TargetHealth.registered(now)));
    }
    if (drainingNow > 0) {
      events.accept(new BalancerEvent(cluster, serviceName, "(service " + serviceName
          + ") has begun draining connections on " + drainingNow + " tasks."));
    }
    if (deregistered > 0) {
      events.accept(new BalancerEvent(cluster, serviceName, "(service " + serviceName + ") deregistered " + deregistered
          + " targets from its listener on port " + port + "."));
    }
    refresh();
  }

  /**
   * A target for the next request, not one of {@code tried}, counted in flight; empty when there is
   * none to send it to.
   */
  Optional<Target> acquire(Set<Target> tried) {
    for (int attempt = 0; attempt < 4; attempt++) {
      Target[] candidates = routable;
      if (candidates.length == 0) {
        return Optional.empty();
      }
      int start = Math.floorMod(next.getAndIncrement(), candidates.length);
      Target chosen = null;
      for (int k = 0; k < candidates.length; k++) {
        Target candidate = candidates[(start + k) % candidates.length];
        if (!tried.contains(candidate)) {
          chosen = candidate;
          break;
        }
      }
      if (chosen == null) {
        return Optional.empty();
      }
      chosen.inFlight.incrementAndGet();
      // Draining may have begun between the read of the table and the count: the drain reads the
      // count after it set DRAINING, so one of the two sees the other. Step back and pick again.
      TargetHealthState state = chosen.state();
      if (state == TargetHealthState.HEALTHY || state == TargetHealthState.UNHEALTHY) {
        return Optional.of(chosen);
      }
      chosen.inFlight.decrementAndGet();
    }
    return Optional.empty();
  }

  /** The request (connection) sent to {@code target} is over. */
  void release(Target target) {
    target.inFlight.decrementAndGet();
  }

  /** {@code target} answered {@code status} after {@code nanos}. */
  void answered(Target target, int status, long nanos) {
    long second = clock.millis() / 1000;
    target.stats.answered(status, nanos, second);
    stats.answered(status, nanos, second);
    if (target.unreachable.get() != 0) {
      target.unreachable.set(0);
    }
  }

  /** The load balancer answered a request itself (no target, none reachable, a timeout). */
  void failed() {
    stats.failed();
  }

  /** A request could not reach {@code target} ({@code detail}): enough in a row make it UNHEALTHY. */
  void unreachable(Target target, String detail) {
    int count = target.unreachable.incrementAndGet();
    TargetGroupSettings current = settings;
    Instant now = clock.instant();
    target.update(h -> h.unreachable(count, detail, current, now)).ifPresent(before -> {
      announce(target, before);
      refresh();
    });
  }

  /** Records the health check {@code result} of {@code target}. */
  void checked(Target target, CheckResult result) {
    TargetGroupSettings current = settings;
    Instant now = clock.instant();
    target.update(h -> h.checked(result, current, now)).ifPresent(before -> {
      announce(target, before);
      refresh();
    });
  }

  /** Targets whose health check is due now. */
  List<Target> due() {
    Instant now = clock.instant();
    List<Target> due = new ArrayList<>();
    for (Target target : targets.values()) {
      if (target.health().checkDue(now)) {
        due.add(target);
      }
    }
    return due;
  }

  /** Whether the task's target here is gone or drained: DRAINING with nothing in flight, or its delay over. */
  boolean drained(String taskId) {
    Target target = targets.get(taskId);
    if (target == null) {
      return true;
    }
    if (target.state() != TargetHealthState.DRAINING) {
      return false;
    }
    return target.inFlight.get() == 0 || target.health().delayOver(settings, clock.instant());
  }

  /** The state of the task's target here, UNUSED when it is none. */
  TargetHealthState state(String taskId) {
    Target target = targets.get(taskId);
    return target == null ? TargetHealthState.UNUSED : target.state();
  }

  /** The number of HEALTHY targets. */
  int healthyCount() {
    int count = 0;
    for (Target target : targets.values()) {
      count += target.state() == TargetHealthState.HEALTHY ? 1 : 0;
    }
    return count;
  }

  /** Requests answered in the last minute per HEALTHY target (ALBRequestCountPerTarget); empty without one. */
  Optional<Double> requestsPerTarget() {
    int healthy = healthyCount();
    return healthy == 0 ? Optional.empty() : Optional.of(stats.lastMinute(clock.millis() / 1000) / (double) healthy);
  }

  /** The targets as the views show them, by task id. */
  List<TargetView> views() {
    List<TargetView> views = new ArrayList<>();
    for (Target target : targets.values()) {
      TargetHealth health = target.health();
      views.add(new TargetView(target.taskId, target.endpoint(), health.state(), health.reason(),
          health.last().map(r -> (r.passed() ? "passed: " : "failed: ") + r.detail()).orElse("none yet"),
          target.inFlight.get(), target.stats.counts()));
    }
    views.sort(Comparator.comparing(TargetView::taskId));
    return views;
  }

  private void refresh() {
    List<Target> healthy = new ArrayList<>();
    List<Target> unhealthy = new ArrayList<>();
    for (Target target : targets.values()) {
      switch (target.state()) {
        case HEALTHY -> healthy.add(target);
        case UNHEALTHY -> unhealthy.add(target);
        default -> { }
      }
    }
    List<Target> chosen = healthy.isEmpty() ? unhealthy : healthy;
    chosen.sort(Comparator.comparing(t -> t.taskId));
    routable = chosen.toArray(new Target[0]);
  }

  private void announce(Target target, TargetHealth before) {
    TargetHealth now = target.health();
    String who = "target " + target.endpoint() + " (task " + target.taskId + ")";
    String message;
    if (now.state() == TargetHealthState.UNHEALTHY) {
      message = who + " is unhealthy: " + now.reason() + "; it gets no requests until " + settings.healthyThreshold()
          + " health checks in a row pass.";
    } else if (now.state() == TargetHealthState.HEALTHY && before.state() == TargetHealthState.INITIAL) {
      message = who + " passed its first health check and gets requests.";
    } else if (now.state() == TargetHealthState.HEALTHY) {
      message = who + " is healthy again and gets requests.";
    } else {
      return;
    }
    events.accept(new BalancerEvent(cluster, serviceName, "(service " + serviceName + ") " + message));
  }
}
