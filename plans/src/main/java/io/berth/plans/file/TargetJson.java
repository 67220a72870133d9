package io.berth.plans.file;

import io.berth.json.JsonLayout;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each document of a saved plan's target state is in the plan file, so that an apply can
 * take its JSON from there instead of serialising the document again. Only a plan file whose
 * target matched its digest gets one, so the bytes are exactly what the planner serialised.
 */
public final class TargetJson {
  private static final TargetJson NONE = new TargetJson(new byte[0], new IdentityHashMap<>());

  private final byte[] file;
  // keyed by identity: the very record instances of the target that was read with these ranges
  private final Map<Object, int[]> ranges;

  TargetJson(byte[] file, IdentityHashMap<Object, int[]> ranges) {
    this.file = file;
    this.ranges = ranges;
  }

  /** No document known: every document is serialised again. */
  public static TargetJson none() {
    return NONE;
  }

  /**
   * The bytes {@code BerthJson.mapper().writeValueAsBytes(document)} gives, laid out from the plan
   * file's compact copy; empty when {@code document} is not one read from the file.
   */
  public Optional<byte[]> prettyJson(Object document) {
    int[] range = ranges.get(document);
    return range == null ? Optional.empty() : Optional.of(JsonLayout.indent(file, range[0], range[1]));
  }

  /** How many documents are known. */
  public int size() {
    return ranges.size();
  }
}
