package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.Task;
import io.berth.model.PlacementStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses which tasks to stop when a service has too many, by the strategy's rules: tasks that are
 * not yet healthy go first; then spread stops where the field's value has the most of the
 * service's tasks (keeping the balance), binpack stops on the instance with the most of the
 * resource free (emptying the least packed instance first), random picks with the seed; the
 * newest task breaks remaining ties.
 */
final class ScaleIn {
  private ScaleIn() {}

  /** Picks {@code count} victims among {@code candidates}; {@code all} are the service's wanted tasks (for spread counts). */
  static List<Task> choose(Tick tick, List<Task> candidates, List<Task> all, int count, List<PlacementStrategy> strategies) {
    List<Task> pool = new ArrayList<>(candidates);
    pool.sort(Comparator.comparing(Task::createdAt).reversed().thenComparing(Task::taskId, Comparator.reverseOrder()));
    List<Task> remaining = new ArrayList<>(all);
    List<Task> victims = new ArrayList<>();
    while (victims.size() < count && !pool.isEmpty()) {
      Task best = null;
      long[] bestScore = null;
      Map<String, Map<String, Integer>> counts = spreadCounts(tick, remaining, strategies);
      long randomPick = tick.random.nextInt(Math.max(1, pool.size()));
      for (int k = 0; k < pool.size(); k++) {
        long[] score = score(tick, pool.get(k), strategies, counts, k == randomPick);
        if (best == null || compare(score, bestScore) < 0) {
          best = pool.get(k);
          bestScore = score;
        }
      }
      victims.add(best);
      pool.remove(best);
      remaining.remove(best);
    }
    return victims;
  }

  /** Lower is stopped first. */
  private static long[] score(Tick tick, Task task, List<PlacementStrategy> strategies,
      Map<String, Map<String, Integer>> counts, boolean randomPick) {
    long[] score = new long[strategies.size() + 1];
    score[0] = ServiceTasks.healthy(tick, task) ? 1 : 0;
    for (int r = 0; r < strategies.size(); r++) {
      PlacementStrategy strategy = strategies.get(r);
      switch (strategy.type()) {
        case SPREAD:
          String field = strategy.field().orElse("instanceId");
          score[r + 1] = -counts.get(field).getOrDefault(value(tick, task, field), 0);
          break;
        case BINPACK:
          int i = tick.cluster.indexOf(task.instanceId());
          boolean cpu = "cpu".equals(strategy.field().orElse("memory"));
          score[r + 1] = i < 0 ? Long.MIN_VALUE : -(cpu ? tick.cluster.freeCpu(i) : tick.cluster.freeMemory(i));
          break;
        default:
          score[r + 1] = randomPick ? 0 : 1;
      }
    }
    return score;
  }

  private static Map<String, Map<String, Integer>> spreadCounts(Tick tick, List<Task> tasks, List<PlacementStrategy> strategies) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (PlacementStrategy strategy : strategies) {
      String field = strategy.field().orElse("instanceId");
      Map<String, Integer> perValue = counts.computeIfAbsent(field, f -> new HashMap<>());
      for (Task task : tasks) {
        perValue.merge(value(tick, task, field), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static String value(Tick tick, Task task, String field) {
    if (field.equals("instanceId") || field.equals("host")) {
      return task.instanceId();
    }
    String attribute = field.startsWith("attribute:") ? field.substring("attribute:".length()) : field;
    int i = tick.cluster.indexOf(task.instanceId());
    return i < 0 ? "(none)" : tick.cluster.instance(i).attributes().getOrDefault(attribute, "(none)");
  }

  private static int compare(long[] a, long[] b) {
    for (int k = 0; k < a.length; k++) {
      int c = Long.compare(a[k], b[k]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
