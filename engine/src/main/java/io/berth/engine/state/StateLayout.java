package io.berth.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.json.BerthJson;
import io.berth.model.Cluster;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.file.TargetDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where each part of a declared state lives in the tree of {@code main}, in both directions. The
 * mapping is the repository's layout version {@value #VERSION}; a repository with another version
 * is refused rather than misread.
 */
final class StateLayout {
  /** The layout this berth writes: one directory per stack ({@link StackNames}). */
  static final int VERSION = 2;
  /** The layout of a state holding one stack at the root of main's tree, read and migrated on the next apply. */
  static final int ONE_STACK = 1;
  static final String VERSION_FILE = "layout-version";
  static final String INDEX_FILE = "stack.json";
  static final String TASK_DEFINITIONS_DIR = "task-definitions";
  static final String TASK_DEFINITIONS = TASK_DEFINITIONS_DIR + "/";
  private static final Pattern REVISION_FILE = Pattern.compile("task-definitions/([^/]+)/([0-9]+)\\.json");
  private static final ObjectMapper JSON = BerthJson.mapper();

  private StateLayout() {}

  static byte[] versionFile() {
    return (VERSION + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The layout version of a commit from its layout-version file; {@code where} names the repository in errors. */
  static int checkVersion(Optional<byte[]> file, String where) {
    if (file.isEmpty()) {
      throw new StateException("state repository " + where + " has no " + VERSION_FILE
          + " file on main, so it was not written by berth; point --state (or BERTH_STATE) at a berth state"
          + " repository or create one with berth init");
    }
    String text = new String(file.get(), StandardCharsets.UTF_8).strip();
    if (!text.equals(String.valueOf(VERSION)) && !text.equals(String.valueOf(ONE_STACK))) {
      throw new StateException("state repository " + where + " has layout version '" + text
          + "' but this berth reads only versions " + ONE_STACK + " and " + VERSION + "; use the berth release that"
          + " wrote it (nothing was changed)");
    }
    return Integer.parseInt(text);
  }

  /**
   * The files of {@code target} except older task definition revisions, which the caller keeps,
   * relative to the stack's directory.
   * Names that cannot be path segments are refused with the resource that has them, two documents
   * for one path as such.
   */
  static Map<String, byte[]> files(TargetDocuments target) {
    List<TargetDocuments.Document> documents = target.documents();
    Map<String, Integer> paths = new TreeMap<>();
    Map<String, Integer> active = new TreeMap<>();
    for (int i = 0; i < documents.size(); i++) {
      TargetDocuments.Document document = documents.get(i);
      String path = switch (document.kind()) {
        case ROLE -> rolePath(document.name());
        case CLUSTER -> clusterPath(document.name());
        case TASK_DEFINITION -> revisionPath(document.name(), document.revision());
        case SERVICE -> servicePath(document.scope(), document.name());
        case SCALING -> scalingPath(document.scope(), document.name());
      };
      if (document.kind() == TargetDocuments.Kind.TASK_DEFINITION) {
        active.put(document.name(), document.revision());
      }
      if (paths.put(path, i) != null) {
        throw new StateException("the target state declares " + path + " twice; make the plan again with berth plan");
      }
    }
    // serialising or laying out thousands of documents is most of an apply's CPU: spread it over the cores
    Map<String, byte[]> files = new TreeMap<>(paths.entrySet().parallelStream()
        .collect(Collectors.toConcurrentMap(Map.Entry::getKey, e -> target.json(e.getValue()))));
    files.put(INDEX_FILE, json(StackFile.of(target.stack(), active, target.references())));
    return files;
  }

  static String rolePath(String name) {
    return "roles/" + segment(name, "role") + ".json";
  }

  static String clusterPath(String name) {
    return "clusters/" + segment(name, "cluster") + ".json";
  }

  static String servicePath(String cluster, String service) {
    return "services/" + segment(cluster, "cluster") + "/" + segment(service, "service") + ".json";
  }

  static String scalingPath(String cluster, String service) {
    return "scaling/" + segment(cluster, "cluster") + "/" + segment(service, "service") + ".json";
  }

  static String revisionPath(String family, int revision) {
    return TASK_DEFINITIONS + segment(family, "task definition family") + "/" + revision + ".json";
  }

  /** The family and revision of a revision file path, if {@code path} is one. */
  static Optional<Map.Entry<String, Integer>> revisionOf(String path) {
    Matcher m = REVISION_FILE.matcher(path);
    return m.matches() ? Optional.of(Map.entry(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
  }

  /**
   * Reads the declared state of one stack from its files (paths relative to its directory);
   * {@code read} loads one file's bytes.
   * Returns the state (empty for a repository nobody applied to) and the highest revision per family.
   */
  static Decoded decode(Map<String, ?> paths, BiFunction<String, Boolean, Optional<byte[]>> read,
      String where, String expectedStack) {
    Optional<byte[]> indexFile = read.apply(INDEX_FILE, false);
    Map<String, Integer> latest = new TreeMap<>();
    for (String path : paths.keySet()) {
      revisionOf(path).ifPresent(r -> latest.merge(r.getKey(), r.getValue(), Math::max));
    }
    if (indexFile.isEmpty()) {
      return new Decoded(DeclaredState.empty(expectedStack == null ? "" : expectedStack), latest);
    }
    StackFile index = parse(indexFile.get(), StackFile.class, INDEX_FILE, where);
    List<Role> roles = new ArrayList<>();
    List<Cluster> clusters = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<ServiceScaling> scaling = new ArrayList<>();
    for (String path : paths.keySet()) {
      if (path.startsWith("roles/")) {
        roles.add(parse(read.apply(path, true).orElseThrow(), Role.class, path, where));
      } else if (path.startsWith("clusters/")) {
        clusters.add(parse(read.apply(path, true).orElseThrow(), Cluster.class, path, where));
      } else if (path.startsWith("services/")) {
        services.add(parse(read.apply(path, true).orElseThrow(), Service.class, path, where));
      } else if (path.startsWith("scaling/")) {
        scaling.add(parse(read.apply(path, true).orElseThrow(), ServiceScaling.class, path, where));
      }
    }
    List<TaskDefinitionRevision> revisions = new ArrayList<>();
    for (Map.Entry<String, Integer> active : index.taskDefinitions().entrySet()) {
      String path = revisionPath(active.getKey(), active.getValue());
      byte[] file = read.apply(path, false).orElseThrow(() -> new StateException("state repository " + where
          + " is damaged: stack.json makes " + active.getKey() + ":" + active.getValue() + " active but "
          + path + " is missing; restore the repository from a clone or backup"));
      revisions.add(new TaskDefinitionRevision(active.getValue(), parse(file, TaskDefinition.class, path, where)));
    }
    return new Decoded(new DeclaredState(index.stack(), roles, clusters, revisions, services, scaling,
        index.references()), latest);
  }

  /** The stack named by a {@code stack.json}. */
  static String stackOf(byte[] index, String where) {
    return parse(index, StackFile.class, INDEX_FILE, where).stack();
  }

  /** A decoded commit: its declared state and the highest revision ever registered per family. */
  record Decoded(DeclaredState state, Map<String, Integer> latestRevisions) {}

  static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T parse(byte[] bytes, Class<T> type, String path, String where) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException | RuntimeException e) {
      throw new StateException("state repository " + where + " is damaged: " + path + " is not a valid "
          + type.getSimpleName() + " (" + e.getMessage().lines().findFirst().orElse("") + "); fix or revert that"
          + " commit with plain git, or restore the repository from a clone", e);
    }
  }

  /**
   * Whether {@code name} matches {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,254}}: spelled out, as a cold
   * regex costs more than the rest of the path building for the 10,000 files of a large apply.
   */
  static boolean isSegment(String name) {
    if (name.isEmpty() || name.length() > 255) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  static String segment(String name, String what) {
    if (!isSegment(name)) {
      throw new StateException(what + " name '" + name + "' cannot be stored: use letters, digits, '-', '_' or"
          + " '.', starting with a letter or digit, at most 255 characters");
    }
    return name;
  }
}
