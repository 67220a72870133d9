package io.berth.engine.server;

import io.berth.engine.state.StateException;
import io.berth.engine.state.StateRepository;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.TaskDefinitionRevision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the declared state (services, their task definition revisions, roles) at the tip of the
 * state repository's {@code main} through the state store's API. Remembers the last commit so an
 * unchanged ref costs one ref lookup; a damaged commit keeps the last good state and is reported
 * as a problem instead of stopping the control plane.
 */
final class DeclaredSnapshotReader {
  private final StateRepository repository;
  private DeclaredSnapshot last = DeclaredSnapshot.none();
  private String lastSeen = "";
  private final List<String> problems = new ArrayList<>();

  DeclaredSnapshotReader(StateRepository repository) {
    this.repository = repository;
  }

  /** Why the newest commit could not be read, if it could not. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  DeclaredSnapshot read() {
    Optional<String> tip = repository.tip();
    if (tip.isEmpty() || tip.get().equals(lastSeen)) {
      return last;
    }
    lastSeen = tip.get();
    try {
      last = parse(tip.get());
      problems.clear();
    } catch (StateException e) {
      problems.clear();
      problems.add("commit " + tip.get() + ": " + e.getMessage());
    }
    return last;
  }

  private DeclaredSnapshot parse(String commit) {
    Map<String, DeclaredState> stacks = repository.declaredStacks(commit);
    Map<String, String> stackOf = new HashMap<>();
    stacks.forEach((stack, declared) -> declared.services().forEach(s ->
        stackOf.put(ControlPlaneSnapshot.serviceKey(s.cluster(), s.serviceName()), stack)));
    DeclaredState state = StateRepository.union(stacks);
    Map<String, NavigableMap<Integer, TaskDefinition>> definitions = new HashMap<>();
    Map<String, Integer> active = new HashMap<>();
    for (TaskDefinitionRevision revision : state.taskDefinitions()) {
      definitions.computeIfAbsent(revision.family(), f -> new TreeMap<>()).put(revision.revision(), revision.definition());
      active.put(revision.family(), revision.revision());
    }
    // A service may name an older, inactive revision (family:rev): fetch those too.
    for (Service service : state.services()) {
      String ref = service.taskDefinition().substring(service.taskDefinition().lastIndexOf('/') + 1);
      int colon = ref.lastIndexOf(':');
      if (colon > 0) {
        String family = ref.substring(0, colon);
        try {
          int revision = Integer.parseInt(ref.substring(colon + 1));
          var known = definitions.computeIfAbsent(family, f -> new TreeMap<>());
          if (!known.containsKey(revision)) {
            repository.taskDefinition(family, revision).ifPresent(td -> known.put(revision, td));
          }
        } catch (NumberFormatException e) {
          // Not a revision number: resolve() reports the service's reference as unknown.
        }
      }
    }
    Map<String, Role> roles = new HashMap<>();
    state.roles().forEach(role -> roles.put(role.name(), role));
    List<Service> services = new ArrayList<>(state.services());
    services.sort(Comparator.comparing((Service s) -> ControlPlaneSnapshot.serviceKey(s.cluster(), s.serviceName())));
    Map<String, ServiceScaling> scaling = new HashMap<>();
    state.scaling().forEach(s -> scaling.put(ControlPlaneSnapshot.serviceKey(s.cluster(), s.service()), s));
    return new DeclaredSnapshot(commit, services, definitions, roles, active, scaling, stackOf);
  }
}
