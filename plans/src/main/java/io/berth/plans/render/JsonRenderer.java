package io.berth.plans.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.json.BerthJson;
import io.berth.plans.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The plan document as JSON ({@code --format json}, like {@code terraform show -json}): record
 * members in declaration order, in the house layout, a trailing newline, the same bytes for the
 * same plan. The saved plan file holds the same document, compact and with a target digest (see
 * {@link io.berth.plans.file.PlanFile}).
 */
public final class JsonRenderer {
  private JsonRenderer() {}

  /** The document's bytes. */
  public static byte[] bytes(Plan plan) {
    try {
      return (BerthJson.mapper().writeValueAsString(plan) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise plan " + plan.planId(), e);
    }
  }

  /** The document as text. */
  public static String render(Plan plan) {
    return new String(bytes(plan), StandardCharsets.UTF_8);
  }

  /**
   * Reads the document back; one of another format version or not a plan fails naming the file
   * and the fix.
   */
  public static Plan read(byte[] json, String file) {
    Plan plan;
    try {
      plan = BerthJson.mapper().readValue(json, Plan.class);
    } catch (IOException | RuntimeException e) {
      // say why in the user's terms: not a plan at all, another format version, or damaged JSON
      checkFormat(json, file);
      throw new IllegalArgumentException(file + " is not a valid berth plan file ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); make it again with berth plan --out "
          + file, e);
    }
    if (plan.formatVersion() != Plan.FORMAT_VERSION) {
      checkFormat(json, file);
    }
    return plan;
  }

  private static void checkFormat(byte[] json, String file) {
    JsonNode tree;
    try {
      tree = BerthJson.mapper().readTree(json);
    } catch (IOException e) {
      return;
    }
    if (tree == null || !tree.isObject() || !tree.has("formatVersion")) {
      throw new IllegalArgumentException(file + " is not a berth plan file (no formatVersion); make one with"
          + " berth plan --out " + file);
    }
    int version = tree.get("formatVersion").asInt();
    if (version != Plan.FORMAT_VERSION) {
      throw new IllegalArgumentException(file + " has plan format version " + version + " but this berth reads"
          + " version " + Plan.FORMAT_VERSION + "; make the plan again with this berth");
    }
  }
}
