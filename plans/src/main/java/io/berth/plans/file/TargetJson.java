package io.berth.plans.file;

import io.berth.model.ExternalReference;
import io.berth.json.JsonLayout;
import java.util.List;
import java.util.Objects;

/**
 * The target state of a saved plan as the plan file holds it (read by {@link TargetReader}): each
 * document's JSON is laid out from the file's own bytes by {@link JsonLayout} instead of being bound
 * and serialised again. Only a plan file whose target matched its digest gets one, so the bytes are
 * exactly what the planner serialised.
 */
final class TargetJson implements TargetDocuments {
  private final String stack;
  private final byte[] file;
  private final List<Document> documents;
  private final int[] ranges;
  private final List<String> plainTextSecrets;
  private final List<ExternalReference> references;

  /** {@code ranges} holds each document's start and end offset in {@code file}, two entries per document. */
  TargetJson(String stack, byte[] file, List<Document> documents, int[] ranges, List<String> plainTextSecrets,
      List<ExternalReference> references) {
    this.stack = Objects.requireNonNull(stack, "stack == null");
    this.file = file;
    this.documents = List.copyOf(documents);
    this.ranges = ranges;
    this.plainTextSecrets = List.copyOf(plainTextSecrets);
    this.references = List.copyOf(references);
  }

  @Override
  public List<ExternalReference> references() {
    return references;
  }

  @Override
  public String stack() {
    return stack;
  }

  @Override
  public List<Document> documents() {
    return documents;
  }

  @Override
  public List<String> plainTextSecrets() {
    return plainTextSecrets;
  }

  @Override
  public byte[] json(int index) {
    return JsonLayout.indent(file, ranges[2 * index], ranges[2 * index + 1]);
  }
}
