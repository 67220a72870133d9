package io.berth.engine.scheduler.placement;

import io.berth.cql.Expression;
import io.berth.cql.QueryTarget;
import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.Task;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mutable scratch copy of a {@link ClusterSnapshot} that one placement pass works on: free
 * resources, used host ports and task-group counts per instance, in flat arrays indexed by the
 * instance's position in id order. Placements made in the pass are added here so later tasks of
 * the same pass see them. Never shared beyond one call of the scheduler.
 *
 * <p>Spread counts only the tasks that stay: a task the scheduler is stopping or replacing still
 * holds its resources, ports and group membership until it stops, but it no longer counts for the
 * balance (ECS balances the tasks that remain), so a rolling deployment spreads its new tasks as
 * if the old ones were already gone, as the plan's dry-run places them.
 *
 * <p>The reconcilers and the dry run hold one for a pass over several services and read instances
 * by index; the arrays stay inside the placement package.
 */
public final class WorkingCluster {
  static final int EPHEMERAL_FIRST = 49153;
  static final int EPHEMERAL_LAST = 65535;

  final ContainerInstance[] instances;
  final int[] freeCpu;
  final int[] freeMemory;
  final int[] runningTasks;
  private final BitSet[] usedPorts;
  /** The machine of each instance (its {@code berth.machine-id}), as an index into the two arrays below. */
  private final int[] machineOf;
  /** Per machine: ports held in host network mode, taken on every instance of the machine. */
  private final BitSet[] machineWidePorts;
  /** Per machine: ports held by any task of any of its instances (a host-mode port needs them free). */
  private final BitSet[] machinePorts;
  private final int[] nextEphemeral;
  private final Map<String, int[]> groupCounts = new HashMap<>();
  /** Tasks of a group per instance that stay: not stopping, not being replaced (what spread counts). */
  private final Map<String, int[]> stayingCounts = new HashMap<>();
  private final Map<String, FieldIndex> fields = new HashMap<>();
  /** group -> spread field -> staying tasks of the group per value of the field. */
  private final Map<String, Map<String, int[]>> spreadCounts = new HashMap<>();
  private final Map<String, Integer> indexById = new HashMap<>();
  private final Map<Expression, boolean[]> staticMatches = new HashMap<>();

  /** For a spread field: which value each instance has, as its rank among the values in name order. */
  static final class FieldIndex {
    final int[] valueOf;
    final List<String> values;

    FieldIndex(int[] valueOf, List<String> values) {
      this.valueOf = valueOf;
      this.values = values;
    }
  }

  /** Starts from the snapshot's instances and live tasks. */
  public WorkingCluster(ClusterSnapshot snapshot) {
    int n = snapshot.instances().size();
    instances = snapshot.instances().toArray(new ContainerInstance[0]);
    freeCpu = new int[n];
    freeMemory = new int[n];
    runningTasks = new int[n];
    usedPorts = new BitSet[n];
    nextEphemeral = new int[n];
    machineOf = new int[n];
    Map<String, Integer> machines = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String machine = instances[i].attributes().get(ContainerInstance.MACHINE_ID);
      int own = machines.size();
      machineOf[i] = machine == null ? machines.computeIfAbsent("instance:" + instances[i].instanceId(), k -> own)
          : machines.computeIfAbsent("machine:" + machine, k -> own);
    }
    machineWidePorts = new BitSet[machines.size()];
    machinePorts = new BitSet[machines.size()];
    for (int i = 0; i < n; i++) {
      freeCpu[i] = instances[i].cpu();
      freeMemory[i] = instances[i].memory();
      nextEphemeral[i] = EPHEMERAL_FIRST;
      indexById.put(instances[i].instanceId(), i);
    }
    for (Task task : snapshot.tasks()) {
      Integer i = indexById.get(task.instanceId());
      if (i != null && task.isLive()) {
        add(i, task.group(), task.cpu(), task.memory(), task.ports());
        if (task.desiredStatus() == TaskStatus.STOPPED) {
          count(i, task.group(), -1);
        }
      }
    }
  }

  /**
   * A live task of the snapshot that the scheduler is stopping or replacing in this pass: it keeps
   * its resources, ports and group membership until it stops, but spread no longer counts it. Call
   * it once per task; a task the snapshot already wants STOPPED is never counted.
   */
  public void departing(Task task) {
    Integer i = indexById.get(task.instanceId());
    if (i != null && task.isWanted()) {
      count(i, task.group(), -1);
    }
  }

  /** The index of instance {@code instanceId}, or -1 if it is not in the snapshot. */
  public int indexOf(String instanceId) {
    return indexById.getOrDefault(instanceId, -1);
  }

  /** How many instances there are (indexes run from 0 to size - 1, in instance id order). */
  public int size() {
    return instances.length;
  }

  /** The instance at index {@code i}. */
  public ContainerInstance instance(int i) {
    return instances[i];
  }

  /** The cpu units instance {@code i} has free, after the tasks placed so far. */
  public int freeCpu(int i) {
    return freeCpu[i];
  }

  /** The memory MiB instance {@code i} has free, after the tasks placed so far. */
  public int freeMemory(int i) {
    return freeMemory[i];
  }

  /** Whether new tasks may go to instance {@code i}: ACTIVE with a connected agent. */
  public boolean schedulable(int i) {
    return instances[i].status() == InstanceStatus.ACTIVE && instances[i].agentConnected();
  }

  /** Records a task on instance {@code i}. */
  void add(int i, String group, int cpu, int memory, List<PortBinding> hostPorts) {
    freeCpu[i] -= cpu;
    freeMemory[i] -= memory;
    runningTasks[i]++;
    groupCounts(group)[i]++;
    for (PortBinding port : hostPorts) {
      if (port.hostPort() > 0) {
        ports(i).set(port.hostPort());
        machineBits(machinePorts, i).set(port.hostPort());
        if (port.machineWide()) {
          machineBits(machineWidePorts, i).set(port.hostPort());
        }
      }
    }
    count(i, group, 1);
  }

  /** Adds {@code delta} to the staying tasks of {@code group} on instance {@code i} and to its spread counts. */
  private void count(int i, String group, int delta) {
    stayingCounts(group)[i] += delta;
    Map<String, int[]> byField = spreadCounts.get(group);
    if (byField != null) {
      byField.forEach((field, counts) -> counts[fields.get(field).valueOf[i]] += delta);
    }
  }

  /** Tasks of {@code group} per instance (live in the snapshot or placed in this pass). */
  int[] groupCounts(String group) {
    return groupCounts.computeIfAbsent(group, g -> new int[instances.length]);
  }

  /** Tasks of {@code group} per instance that stay (see {@link #departing}): what spread(instanceId) balances. */
  int[] stayingCounts(String group) {
    return stayingCounts.computeIfAbsent(group, g -> new int[instances.length]);
  }

  /** Staying tasks of {@code group} per value of {@code field}, kept current as tasks are added. */
  int[] spreadCounts(String group, String field) {
    return spreadCounts.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(field, key -> {
      FieldIndex index = field(field);
      int[] counts = new int[index.values.size()];
      int[] perInstance = stayingCounts(group);
      for (int i = 0; i < perInstance.length; i++) {
        counts[index.valueOf[i]] += perInstance[i];
      }
      return counts;
    });
  }

  /**
   * The value index for a spread field: {@code instanceId} / {@code host} give every instance its own
   * value; {@code attribute:<name>} groups instances by the attribute (a missing attribute is a
   * value of its own, shown as "(none)"). Values are numbered in name order, so a lower number is
   * a value that sorts first.
   */
  FieldIndex field(String field) {
    return fields.computeIfAbsent(field, f -> {
      boolean perInstance = f.equals("instanceId") || f.equals("host");
      String attribute = f.startsWith("attribute:") ? f.substring("attribute:".length()) : f;
      String[] valueNames = new String[instances.length];
      TreeSet<String> names = new TreeSet<>();
      for (int i = 0; i < instances.length; i++) {
        valueNames[i] = perInstance ? instances[i].instanceId() : instances[i].attributes().getOrDefault(attribute, "(none)");
        names.add(valueNames[i]);
      }
      List<String> values = List.copyOf(names);
      int[] valueOf = new int[instances.length];
      for (int i = 0; i < instances.length; i++) {
        valueOf[i] = Collections.binarySearch(values, valueNames[i]);
      }
      return new FieldIndex(valueOf, values);
    });
  }

  private BitSet ports(int i) {
    if (usedPorts[i] == null) {
      usedPorts[i] = new BitSet();
    }
    return usedPorts[i];
  }

  private BitSet machineBits(BitSet[] perMachine, int i) {
    if (perMachine[machineOf[i]] == null) {
      perMachine[machineOf[i]] = new BitSet();
    }
    return perMachine[machineOf[i]];
  }

  /**
   * Whether host port {@code port} is taken or reserved on instance {@code i}, or held in host network
   * mode by a task on its machine.
   */
  boolean portTaken(int i, int port) {
    return instances[i].reservedPorts().contains(port) || (usedPorts[i] != null && usedPorts[i].get(port))
        || (machineWidePorts[machineOf[i]] != null && machineWidePorts[machineOf[i]].get(port));
  }

  /** Whether any task on any instance of instance {@code i}'s machine holds host port {@code port}. */
  boolean portTakenOnMachine(int i, int port) {
    return machinePorts[machineOf[i]] != null && machinePorts[machineOf[i]].get(port);
  }

  /** Whether {@code port} is reserved (rather than used by a task) on instance {@code i}. */
  boolean portReserved(int i, int port) {
    return instances[i].reservedPorts().contains(port);
  }

  /**
   * The lowest free ephemeral host port at or above the instance's cursor, skipping {@code
   * alsoTaken}; -1 when the range is exhausted. The cursor makes allocation amortised O(1).
   */
  int freeEphemeralPort(int i, Set<Integer> alsoTaken) {
    int port = nextEphemeral[i];
    while (port <= EPHEMERAL_LAST && (portTaken(i, port) || alsoTaken.contains(port))) {
      port++;
    }
    if (alsoTaken.isEmpty()) {
      nextEphemeral[i] = port;
    }
    return port <= EPHEMERAL_LAST ? port : -1;
  }

  /**
   * Whether each instance satisfies {@code expression}, for expressions that read only instance
   * properties: evaluated once per pass, however many services share the expression.
   */
  boolean[] staticMatches(Expression expression) {
    return staticMatches.computeIfAbsent(expression, e -> {
      boolean[] matches = new boolean[instances.length];
      for (int i = 0; i < instances.length; i++) {
        matches[i] = e.matches(queryTarget(i));
      }
      return matches;
    });
  }

  /** The instance as a Cluster Query Language subject, reflecting placements made in this pass. */
  QueryTarget queryTarget(int i) {
    ContainerInstance instance = instances[i];
    return new QueryTarget() {
      @Override
      public Optional<String> attribute(String name) {
        return Optional.ofNullable(instance.attributes().get(name));
      }

      @Override
      public String instanceId() {
        return instance.instanceId();
      }

      @Override
      public boolean agentConnected() {
        return instance.agentConnected();
      }

      @Override
      public String agentVersion() {
        return instance.agentVersion();
      }

      @Override
      public Instant registeredAt() {
        return instance.registeredAt();
      }

      @Override
      public int runningTasksCount() {
        return runningTasks[i];
      }

      @Override
      public Set<String> taskGroups() {
        Set<String> groups = new TreeSet<>();
        groupCounts.forEach((group, counts) -> {
          if (counts[i] > 0) {
            groups.add(group);
          }
        });
        return groups;
      }
    };
  }
}
