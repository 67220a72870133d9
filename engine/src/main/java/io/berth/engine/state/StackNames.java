package io.berth.engine.state;

import io.berth.model.ExternalReference;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceKind;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where layout 2 keeps the stacks of a state and who owns which name: each stack's documents under
 * {@code stacks/<stack>/}, the owner of every name under {@code names/} (a file holding the stack's
 * name), and the stacks that use a cluster or role of another stack under {@code uses/}. These small
 * files let a plan of one stack find an owner or the users of a name by reading one path, and record
 * that path in its reads, without reading any other stack.
 */
final class StackNames {
  static final String STACKS = "stacks";
  static final String NAMES = "names";
  static final String USES = "uses";

  private StackNames() {}

  /** The directory of {@code stack}'s documents, without a trailing slash. */
  static String stackDir(String stack) {
    return STACKS + "/" + StateLayout.segment(stack, "stack");
  }

  /** The file naming the owner of {@code address}; scaling is owned with its service. */
  static String ownerPath(ResourceAddress address) {
    return NAMES + "/" + switch (address.type()) {
      case ROLE -> "roles/" + StateLayout.segment(address.id(), "role");
      case CLUSTER -> "clusters/" + StateLayout.segment(address.id(), "cluster");
      case TASK_DEFINITION -> "task-definitions/" + StateLayout.segment(address.id(), "task definition family");
      case SERVICE, SCALING -> "services/" + serviceSegments(address.id());
    };
  }

  /** The directory listing the stacks that use {@code kind} {@code name} (one file per stack). */
  static String usesDir(ExternalReference.Kind kind, String name) {
    return USES + "/" + (kind == ExternalReference.Kind.CLUSTER ? "clusters/" + StateLayout.segment(name, "cluster")
        : "roles/" + StateLayout.segment(name, "role"));
  }

  /** The document of a cluster or role inside its owner's directory. */
  static String documentPath(String owner, ExternalReference.Kind kind, String name) {
    return stackDir(owner) + "/" + (kind == ExternalReference.Kind.CLUSTER ? StateLayout.clusterPath(name)
        : StateLayout.rolePath(name));
  }

  /** The address a reference names. */
  static ResourceAddress address(ExternalReference.Kind kind, String name) {
    return new ResourceAddress(kind == ExternalReference.Kind.CLUSTER ? ResourceKind.CLUSTER : ResourceKind.ROLE, name);
  }

  /**
   * The names a stack owns, from its directory's files (paths relative to it) and its active
   * families: roles, clusters, services and task definition families.
   */
  static Map<ResourceAddress, String> owned(Iterable<String> files, Iterable<String> families) {
    Map<ResourceAddress, String> owned = new TreeMap<>();
    for (String path : files) {
      name(path).ifPresent(address -> owned.put(address, path));
    }
    for (String family : families) {
      owned.put(new ResourceAddress(ResourceKind.TASK_DEFINITION, family), StateLayout.TASK_DEFINITIONS + family);
    }
    return owned;
  }

  /** The role, cluster or service a stack-relative document path declares. */
  static Optional<ResourceAddress> name(String path) {
    if (!path.endsWith(".json")) {
      return Optional.empty();
    }
    String bare = path.substring(0, path.length() - ".json".length());
    if (bare.startsWith("roles/") && bare.indexOf('/', 6) < 0) {
      return Optional.of(new ResourceAddress(ResourceKind.ROLE, bare.substring(6)));
    }
    if (bare.startsWith("clusters/") && bare.indexOf('/', 9) < 0) {
      return Optional.of(new ResourceAddress(ResourceKind.CLUSTER, bare.substring(9)));
    }
    if (bare.startsWith("services/") && bare.chars().filter(c -> c == '/').count() == 2) {
      return Optional.of(new ResourceAddress(ResourceKind.SERVICE, bare.substring(9)));
    }
    return Optional.empty();
  }

  private static String serviceSegments(String id) {
    int slash = id.indexOf('/');
    return StateLayout.segment(id.substring(0, Math.max(slash, 0)), "cluster") + "/"
        + StateLayout.segment(id.substring(slash + 1), "service");
  }
}
