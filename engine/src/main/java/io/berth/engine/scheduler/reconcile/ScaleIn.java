package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.Task;
import io.berth.model.PlacementStrategy;
import io.berth.model.PlacementStrategyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chooses which tasks to stop when a service has too many, or which old tasks a rolling deployment
 * stops first, by the strategy's rules: tasks that are not yet healthy go first; then spread stops
 * where the field's value has the most of the service's tasks (keeping the balance; of values that
 * tie, the one last in name order, the mirror of placement's tie-break, so the tasks that stay are
 * where a fresh placement would put them), binpack stops on the instance with the most of the
 * resource free (emptying the least packed instance first), random picks with the seed; the newest
 * task breaks remaining ties.
 */
final class ScaleIn {
  private ScaleIn() {}

  /**
   * Picks up to {@code count} victims among {@code candidates}, in the order to stop them; {@code
   * all} are the service's tasks that would otherwise stay (for spread counts), the candidates
   * among them.
   */
  static List<Task> choose(Tick tick, List<Task> candidates, List<Task> all, int count, List<PlacementStrategy> strategies) {
    List<Task> pool = new ArrayList<>(candidates);
    pool.sort(Comparator.comparing(Task::createdAt).reversed().thenComparing(Task::taskId, Comparator.reverseOrder()));
    Map<String, Map<String, Integer>> counts = spreadCounts(tick, all, pool, strategies);
    Map<String, List<String>> ranks = new HashMap<>();
    counts.forEach((field, perValue) -> ranks.put(field, List.copyOf(new TreeSet<>(perValue.keySet()))));
    List<Task> victims = new ArrayList<>();
    while (victims.size() < count && !pool.isEmpty()) {
      Task best = null;
      long[] bestScore = null;
      long randomPick = tick.random.nextInt(Math.max(1, pool.size()));
      for (int k = 0; k < pool.size(); k++) {
        long[] score = score(tick, pool.get(k), strategies, counts, ranks, k == randomPick);
        if (best == null || compare(score, bestScore) < 0) {
          best = pool.get(k);
          bestScore = score;
        }
      }
      victims.add(best);
      pool.remove(best);
      for (Map.Entry<String, Map<String, Integer>> field : counts.entrySet()) {
        field.getValue().merge(value(tick, best, field.getKey()), -1, Integer::sum);
      }
    }
    return victims;
  }

  /** Lower is stopped first. */
  private static long[] score(Tick tick, Task task, List<PlacementStrategy> strategies,
      Map<String, Map<String, Integer>> counts, Map<String, List<String>> ranks, boolean randomPick) {
    long[] score = new long[2 * strategies.size() + 1];
    score[0] = ServiceTasks.healthy(tick, task) ? 1 : 0;
    for (int r = 0; r < strategies.size(); r++) {
      PlacementStrategy strategy = strategies.get(r);
      switch (strategy.type()) {
        case SPREAD:
          String field = strategy.field().orElse("instanceId");
          String value = value(tick, task, field);
          score[2 * r + 1] = -counts.get(field).getOrDefault(value, 0);
          score[2 * r + 2] = -Collections.binarySearch(ranks.get(field), value);
          break;
        case BINPACK:
          int i = tick.cluster.indexOf(task.instanceId());
          boolean cpu = "cpu".equals(strategy.field().orElse("memory"));
          score[2 * r + 1] = i < 0 ? Long.MIN_VALUE : -(cpu ? tick.cluster.freeCpu(i) : tick.cluster.freeMemory(i));
          break;
        default:
          score[2 * r + 1] = randomPick ? 0 : 1;
      }
    }
    return score;
  }

  /** Per spread field: {@code tasks} per value; every value of a task or a candidate is a key. */
  private static Map<String, Map<String, Integer>> spreadCounts(Tick tick, List<Task> tasks, List<Task> candidates,
      List<PlacementStrategy> strategies) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    for (PlacementStrategy strategy : strategies) {
      if (strategy.type() != PlacementStrategyType.SPREAD) {
        continue;
      }
      String field = strategy.field().orElse("instanceId");
      Map<String, Integer> perValue = counts.computeIfAbsent(field, f -> new HashMap<>());
      for (Task task : tasks) {
        perValue.merge(value(tick, task, field), 1, Integer::sum);
      }
      candidates.forEach(task -> perValue.putIfAbsent(value(tick, task, field), 0));
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
