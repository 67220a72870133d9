package io.berth.plans.file;

import io.berth.json.JsonLayout;
import java.util.List;
import java.util.Objects;

/**
 * The target state of a saved plan as the plan file holds it: the stack, and each document with
 * the names that place it in the state repository and where its JSON is in the file. An apply
 * writes these bytes (laid out by {@link JsonLayout}) instead of binding and serialising every
 * document again. Only a plan file whose target matched its digest gets one, so the bytes are
 * exactly what the planner serialised.
 */
public final class TargetJson {
  private final String stack;
  private final byte[] file;
  private final List<Document> documents;
  private final List<String> plainTextSecrets;

  TargetJson(String stack, byte[] file, List<Document> documents, List<String> plainTextSecrets) {
    this.stack = Objects.requireNonNull(stack, "stack == null");
    this.file = file;
    this.documents = List.copyOf(documents);
    this.plainTextSecrets = List.copyOf(plainTextSecrets);
  }

  /** What kind of resource a document declares. */
  public enum Kind { ROLE, CLUSTER, TASK_DEFINITION, SERVICE, SCALING }

  /**
   * One document of the target: for a service or scaling declaration {@code scope} is its cluster
   * and {@code name} the service; for a task definition {@code name} is the family and
   * {@code revision} its revision; otherwise {@code scope} is empty and {@code revision} 0.
   */
  public record Document(Kind kind, String scope, String name, int revision, int from, int to) {
    /** Requires the kind and names. */
    public Document {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(scope, "scope == null");
      Objects.requireNonNull(name, "name == null");
    }
  }

  /** The stack the target declares. */
  public String stack() {
    return stack;
  }

  /** The documents, in file order. */
  public List<Document> documents() {
    return documents;
  }

  /**
   * The plain-text secrets in the target's task definitions, one message each, as
   * {@link io.berth.plans.diff.PlainTextSecrets#find} words them.
   */
  public List<String> plainTextSecrets() {
    return plainTextSecrets;
  }

  /** The bytes {@code BerthJson.mapper().writeValueAsBytes(...)} gives for {@code document}. */
  public byte[] prettyJson(Document document) {
    return JsonLayout.indent(file, document.from(), document.to());
  }
}
