package io.berth.engine.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.json.BerthJson;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the declared state (services, task definition revisions, roles) from the state
 * repository's declared ref, with the layout of the architecture notes:
 * {@code services/<cluster>/<name>.json}, {@code task-definitions/<family>/<revision>.json},
 * {@code roles/<name>.json}, {@code stack.json} (the active revision per family). Remembers the last commit so an unchanged ref costs one ref lookup.
 */
final class DeclaredStateReader {
  /** The ref {@code berth apply} moves. */
  static final String DECLARED_REF = "refs/heads/main";

  private final Repository repository;
  private final String ref;
  private DeclaredState last = DeclaredState.none();
  private final List<String> problems = new ArrayList<>();

  DeclaredStateReader(Repository repository, String ref) {
    this.repository = repository;
    this.ref = ref;
  }

  /** Files that could not be read at the last change of the ref, each with why. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  DeclaredState read() {
    try {
      ObjectId head = repository.resolve(ref);
      if (head == null) {
        return DeclaredState.none();
      }
      if (head.name().equals(last.commit())) {
        return last;
      }
      last = parse(head);
      return last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ref + " of the state repository " + repository.getDirectory(), e);
    }
  }

  private DeclaredState parse(ObjectId head) throws IOException {
    ObjectMapper json = BerthJson.mapper();
    List<Service> services = new ArrayList<>();
    Map<String, NavigableMap<Integer, TaskDefinition>> definitions = new HashMap<>();
    Map<String, Role> roles = new HashMap<>();
    Map<String, Integer> active = new HashMap<>();
    problems.clear();
    try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
      RevCommit commit = walk.parseCommit(head);
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String path = tree.getPathString();
        if (!path.endsWith(".json")) {
          continue;
        }
        byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
        String[] parts = path.substring(0, path.length() - ".json".length()).split("/");
        try {
          if (path.equals("stack.json")) {
            json.readTree(bytes).path("taskDefinitions").fields()
                .forEachRemaining(e -> active.put(e.getKey(), e.getValue().asInt()));
          } else if (parts[0].equals("services")) {
            services.add(json.readValue(bytes, Service.class));
          } else if (parts[0].equals("task-definitions") && parts.length == 3) {
            definitions.computeIfAbsent(parts[1], f -> new TreeMap<>())
                .put(Integer.parseInt(parts[2]), json.readValue(bytes, TaskDefinition.class));
          } else if (parts[0].equals("roles")) {
            Role role = json.readValue(bytes, Role.class);
            roles.put(role.name(), role);
          }
        } catch (IOException | RuntimeException e) {
          problems.add(path + ": " + e.getMessage());
        }
      }
    }
    services.sort((a, b) -> Reconciler.key(a.cluster(), a.serviceName()).compareTo(Reconciler.key(b.cluster(), b.serviceName())));
    return new DeclaredState(head.name(), services, definitions, roles, active);
  }
}
