package io.berth.engine.server;

import io.berth.engine.api.DesiredStatus;
import io.berth.engine.state.RuntimeStore;
import io.berth.engine.task.TaskStatus;
import java.util.Map;
import java.util.Objects;

/**
 * Which runtime documents must reach the runtime ref at once and which may wait for the next batch
 * ({@link ReconcileSettings#statusCommitInterval}). A control plane killed at any moment resumes from
 * the ref, so whatever it decided and anyone may already have acted on must be there first:
 *
 * <ul>
 *   <li>a task's assignment: placed or forgotten, its instance, deployment and revision, its desired
 *       status, whether it is alive (a stopped task leaves its agent's assignment and is replaced)
 *       and whether its agent has seen it at all (a task still PROVISIONING is stopped without its
 *       agent; one the agent has seen must be stopped through it, so losing that fact could leave a
 *       container running unaccounted);
 *   <li>the scheduler's memory: deployments, task and deployment counters (a reused task id would
 *       start a task twice), failure counts and throttle, requested stops;
 *   <li>container instances (registered, draining, lost) and auto scaled counts;
 *   <li>what the planner reads of a service: its desired count and task definition.
 * </ul>
 *
 * <p>A new event line is committed at once too: its sequence number goes out to {@code berth events
 * --since} readers, and a restarted control plane must never hand the same number out again for
 * another line. Events come with deployment steps, which are mostly decisions anyway.
 *
 * <p>Everything else is status: a live task's reported state, health, containers and ports, when it
 * started running, its load balancer target health and a service's running count. Agents report
 * their tasks again at their first sync with a restarted control plane and the probes run again, so
 * losing up to one interval of status costs a few seconds of "healthy after" at worst and never a
 * task.
 */
final class CommitUrgency {
  private CommitUrgency() {}

  /** Whether going from {@code before} to {@code after} (documents by path) changes a decision. */
  static boolean urgent(Map<String, Object> before, Map<String, Object> after) {
    for (Map.Entry<String, Object> document : after.entrySet()) {
      Object old = before.get(document.getKey());
      if (old != document.getValue() && !document.getValue().equals(old)
          && urgent(document.getKey(), old, document.getValue())) {
        return true;
      }
    }
    for (Map.Entry<String, Object> document : before.entrySet()) {
      if (!after.containsKey(document.getKey()) && urgent(document.getKey(), document.getValue(), null)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one document's change (either side null when it is added or removed) is a decision. */
  static boolean urgent(String path, Object before, Object after) {
    if (path.startsWith(RuntimeStore.EVENTS + "/")) {
      return before == null && after != null; // a new line; old lines trimmed away can wait
    }
    if (path.startsWith(SnapshotStore.META + "/")) {
      return false;
    }
    if (before == null || after == null) {
      return true;
    }
    if (before instanceof TaskRecord b && after instanceof TaskRecord a) {
      return !Assignment.of(b).equals(Assignment.of(a));
    }
    if (before instanceof SnapshotStore.ObservedServiceDocument b && after instanceof SnapshotStore.ObservedServiceDocument a) {
      return b.desiredCount() != a.desiredCount() || !Objects.equals(b.taskDefinition(), a.taskDefinition());
    }
    return !before.equals(after);
  }

  /** The part of a task the control plane decides, or that decides what it does next. */
  private record Assignment(String taskId, String cluster, String serviceName, String deploymentId, String family,
      int revision, String instanceId, DesiredStatus desiredStatus, boolean alive, boolean seenByAgent) {
    static Assignment of(TaskRecord task) {
      return new Assignment(task.taskId(), task.cluster(), task.serviceName(), task.deploymentId(), task.family(),
          task.revision(), task.instanceId(), task.desiredStatus(), task.alive(),
          task.lastStatus() != TaskStatus.PROVISIONING);
    }
  }
}
