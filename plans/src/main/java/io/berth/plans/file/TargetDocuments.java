package io.berth.plans.file;

import io.berth.model.ExternalReference;
import io.berth.plans.DeclaredState;
import java.util.List;
import java.util.Objects;

/**
 * The target state of a plan as an apply stores it: the stack, the plain-text secrets of its task
 * definitions, and each document with the names that place it and its JSON in the house layout
 * (the bytes {@code BerthJson.mapper()} writes for it). Two implementations: {@link #of} serialises
 * a bound {@link DeclaredState} with Jackson, the library's way; {@link PlanFile#read} gives the
 * token reader's ({@link TargetReader}), which takes each document's bytes from the plan file
 * without binding it to the model (binding made the cold apply of a 5,000-service plan take 1.36
 * instead of 0.98 CPU-s, {@code scripts/bench-user-ops bench5000}). {@code PlanFileTest} holds the
 * token reader to Jackson on the same plans.
 */
public interface TargetDocuments {
  /** What kind of resource a document declares. */
  enum Kind { ROLE, CLUSTER, TASK_DEFINITION, SERVICE, SCALING }

  /**
   * Where a document goes: for a service or scaling declaration {@code scope} is its cluster and
   * {@code name} the service; for a task definition {@code name} is the family and {@code revision}
   * its revision; otherwise {@code scope} is empty and {@code revision} 0.
   */
  record Document(Kind kind, String scope, String name, int revision) {
    /** Requires the kind and names. */
    public Document {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(scope, "scope == null");
      Objects.requireNonNull(name, "name == null");
    }
  }

  /** The stack the target declares. */
  String stack();

  /** The clusters and Berth roles of other stacks the target uses, by name. */
  List<ExternalReference> references();

  /** The plain-text secrets in the task definitions, one message each, as {@code PlainTextSecrets.find} words them. */
  List<String> plainTextSecrets();

  /** The documents, in the order the declared state lists them (roles, clusters, task definitions, services, scaling). */
  List<Document> documents();

  /** The JSON of {@code documents().get(index)} in the house layout; safe to call from several threads. */
  byte[] json(int index);

  /** {@code state}'s documents, serialised by Jackson. */
  static TargetDocuments of(DeclaredState state) {
    return new DeclaredTarget(state);
  }
}
