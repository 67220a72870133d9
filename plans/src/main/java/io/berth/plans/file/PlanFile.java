package io.berth.plans.file;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.berth.json.BerthJson;
import io.berth.json.JsonProblems;
import io.berth.plans.Action;
import io.berth.plans.Plan;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceKind;
import io.berth.plans.Summary;
import io.berth.plans.diff.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The plan file {@code berth plan --out} writes and {@code berth apply} reads: the plan document
 * as compact JSON on one line, members in record order, with a {@code targetDigest} (SHA-256 of
 * the {@code target} member's bytes) just before {@code target}. The same plan gives the same bytes.
 *
 * <p>Why this shape: applying a 5,000-service plan must take well under a second from a cold
 * start. Reading it, an apply binds only what its commit message names, takes the target documents'
 * JSON from the file instead of binding and serialising them again ({@link TargetDocuments}), and
 * skips the field-level changes. The
 * digest proves those bytes are the planner's own: a plan edited or damaged after {@code berth plan}
 * is refused instead of writing whatever JSON it now holds into the state.
 */
public final class PlanFile {
  private static final ObjectMapper MAPPER = BerthJson.mapper();
  private static final ObjectWriter COMPACT = BerthJson.compact();
  // values() copies its array on every call, 10,000 times per large plan
  private static final Action[] ACTIONS = Action.values();
  private static final ResourceKind[] TYPES = ResourceKind.values();
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}");
  // the plan's members except the target, which is written after its digest
  private static final ObjectWriter HEAD = MAPPER.copy().addMixIn(Plan.class, WithoutTarget.class).writer()
      .without(SerializationFeature.INDENT_OUTPUT);

  @JsonIgnoreProperties("target")
  private abstract static class WithoutTarget {}

  // the whole document, every member bound and none unknown; the digest was checked by the token pass
  private static final ObjectReader WHOLE = MAPPER.copy().addMixIn(Plan.class, WithDigest.class)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readerFor(Plan.class);

  @JsonIgnoreProperties("targetDigest")
  private abstract static class WithDigest {}

  private PlanFile() {}

  /** The plan file bytes of {@code plan}. */
  public static byte[] write(Plan plan) {
    try {
      byte[] head = HEAD.writeValueAsBytes(plan);
      byte[] target = COMPACT.writeValueAsBytes(plan.target());
      ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + target.length + 128);
      out.write(head, 0, head.length - 1); // all but the closing brace
      out.writeBytes((",\"targetDigest\":\"" + Digests.sha256(target) + "\",\"target\":")
          .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(target);
      out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise plan " + plan.planId(), e);
    }
  }

  /**
   * Reads what an apply needs from plan file bytes. A file that is not a plan, has another format
   * version, is damaged, or whose target no longer matches its digest fails naming {@code file}
   * and the fix.
   */
  public static SavedPlan read(byte[] bytes, String file) {
    if (blank(bytes)) {
      throw new PlanFileException(file + " is empty, not a berth plan file; make one with berth plan --out " + file);
    }
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      return new Reader(parser, bytes, file).plan();
    } catch (IOException | RuntimeException e) {
      if (e instanceof PlanFileException known) {
        throw known;
      }
      throw new PlanFileException(file + " is not a valid berth plan file (" + why(e, bytes.length) + "); make it again with berth"
          + " plan --out " + file, e);
    }
  }

  /**
   * The whole plan document a plan file holds, for showing it ({@code berth show --plan}): checked
   * as an apply checks the file (format, members, target digest), then every member bound to the
   * model, a member the model does not have refused by its JSON path.
   */
  public static Plan readPlan(byte[] bytes, String file) {
    read(bytes, file);
    try {
      return WHOLE.readValue(bytes);
    } catch (IOException e) {
      throw invalid(file, e instanceof JsonProcessingException json ? JsonProblems.describe(json)
          : "it cannot be read");
    }
  }

  /** Whether the file holds only whitespace (looked at up to its first other byte). */
  private static boolean blank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Why reading failed, in a sentence without the parser's internals (its source excerpt, its types). */
  private static String why(Exception e, int length) {
    // Jackson reports some ends of input (between an object's members) as a plain parse error
    if (e instanceof JsonEOFException || e instanceof JsonProcessingException json && json.getLocation() != null
        && json.getLocation().getByteOffset() >= length) {
      return "it ends before the plan does: is the file cut short?";
    }
    if (e instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      return json.getOriginalMessage().lines().findFirst().orElse("not valid JSON")
          + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
  }

  /** A member this berth does not write there: an edited file, or one of a newer berth. */
  static PlanFileException unknown(String file, String member, String where, JsonParser parser) {
    return invalid(file, "unknown member \"" + member + "\" in " + where + " at line "
        + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr());
  }

  static PlanFileException invalid(String file, String why) {
    return new PlanFileException(file + " is not a valid berth plan file (" + why + "); make it again with berth plan"
        + " --out " + file);
  }

  /** One pass over the tokens of a plan file. */
  private static final class Reader {
    private final JsonParser parser;
    private final byte[] bytes;
    private final String file;

    Reader(JsonParser parser, byte[] bytes, String file) {
      this.parser = parser;
      this.bytes = bytes;
      this.file = file;
    }

    SavedPlan plan() throws IOException {
      if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
          || !parser.currentName().equals("formatVersion")) {
        throw new PlanFileException(file + " is not a berth plan file (it does not start with formatVersion);"
            + " make one with berth plan --out " + file);
      }
      parser.nextToken();
      int version = parser.getValueAsInt(-1);
      if (version != Plan.FORMAT_VERSION) {
        throw new PlanFileException(file + " has plan format version " + parser.getText() + " but this berth"
            + " reads version " + Plan.FORMAT_VERSION + "; make the plan again with this berth (berth plan --out "
            + file + ")");
      }
      String planId = null;
      String stack = null;
      Optional<String> baseState = Optional.empty();
      Map<String, String> reads = null;
      Optional<String> applicationCommit = Optional.empty();
      Summary summary = null;
      List<ResourceAddress> only = List.of();
      List<SavedPlan.Changed> changes = List.of();
      String targetDigest = null;
      TargetDocuments target = null;
      int[] targetRange = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "planId" -> planId = parser.getValueAsString();
          case "stack" -> stack = parser.getValueAsString();
          case "baseState" -> baseState = Optional.ofNullable(parser.getValueAsString());
          case "reads" -> reads = reads();
          case "applicationCommit" -> applicationCommit = Optional.ofNullable(parser.getValueAsString());
          case "partial" -> only = partial();
          case "summary" -> summary = summary();
          case "changes" -> changes = changes();
          case "targetDigest" -> targetDigest = parser.getValueAsString();
          case "target" -> {
            int start = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
            target = new TargetReader(parser, bytes, file).read();
            targetRange = new int[] {start, Math.toIntExact(parser.currentLocation().getByteOffset())};
          }
          // shown by berth plan and berth show --plan, not needed to apply
          case "toolVersion", "desiredDigest", "outsideChanges", "dryRun" -> parser.skipChildren();
          default -> throw unknown(file, name, "the plan", parser);
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw invalid(file, "unexpected content after the plan");
      }
      require(planId, "planId");
      require(stack, "stack");
      require(reads, "reads");
      require(summary, "summary");
      require(targetDigest, "targetDigest");
      require(target, "target");
      if (!target.stack().equals(stack)) {
        throw invalid(file, "the target declares stack '" + target.stack() + "', the plan '" + stack + "'");
      }
      String actual = Digests.sha256(bytes, targetRange[0], targetRange[1]);
      if (!actual.equals(targetDigest)) {
        throw new PlanFileException(file + " was changed after berth plan wrote it: its target state does not"
            + " match its targetDigest (" + targetDigest + ", now " + actual + "); nothing was applied. Make the"
            + " plan again with berth plan --out " + file + " (edit the stack, not the plan)");
      }
      return new SavedPlan(planId, stack, baseState, reads, applicationCommit, summary, changes, target, only);
    }

    /** What the plan read from the state: path to Git object id (40 hex digits). */
    private Map<String, String> reads() throws IOException {
      expect(JsonToken.START_OBJECT, "reads");
      Map<String, String> reads = new TreeMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String path = parser.currentName();
        String id = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : "";
        if (!OBJECT_ID.matcher(id).matches()) {
          throw invalid(file, "reads[\"" + path + "\"] is not a Git object id");
        }
        reads.put(path, id);
      }
      return reads;
    }

    /** What a partial plan asked for, for the commit message; what it pulled in is only shown. */
    private List<ResourceAddress> partial() throws IOException {
      expect(JsonToken.START_OBJECT, "partial");
      List<ResourceAddress> only = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "only" -> {
            expect(JsonToken.START_ARRAY, "partial.only");
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              only.add(address());
            }
          }
          case "dependencies" -> parser.skipChildren();
          default -> throw unknown(file, name, "partial", parser);
        }
      }
      if (only.isEmpty()) {
        throw invalid(file, "partial.only names no resource");
      }
      return only;
    }

    /** Only what a commit message names: the action and address of each change. */
    private List<SavedPlan.Changed> changes() throws IOException {
      expect(JsonToken.START_ARRAY, "changes");
      List<SavedPlan.Changed> changes = new ArrayList<>();
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        Action action = null;
        ResourceAddress address = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          switch (name) {
            case "action" -> action = action(parser.getValueAsString());
            case "address" -> address = address();
            // shown by berth plan, not needed here
            case "fields", "notes", "forcedBy" -> parser.skipChildren();
            default -> throw unknown(file, name, "changes[" + changes.size() + "]", parser);
          }
        }
        require(action, "changes[" + changes.size() + "].action");
        require(address, "changes[" + changes.size() + "].address");
        changes.add(new SavedPlan.Changed(action, address));
      }
      expect(JsonToken.END_ARRAY, "changes");
      return changes;
    }

    /** The four counts, read as tokens like the rest. */
    private Summary summary() throws IOException {
      expect(JsonToken.START_OBJECT, "summary");
      int[] counts = new int[4];
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
          throw invalid(file, "summary." + name + " is not a count");
        }
        switch (name) {
          case "add" -> counts[0] = parser.getIntValue();
          case "change" -> counts[1] = parser.getIntValue();
          case "destroy" -> counts[2] = parser.getIntValue();
          case "unchanged" -> counts[3] = parser.getIntValue();
          default -> throw unknown(file, name, "summary", parser);
        }
      }
      return new Summary(counts[0], counts[1], counts[2], counts[3]);
    }

    /** {@code {"type": "service", "id": "prod/web"}}, read as tokens (binding costs more, cold). */
    private ResourceAddress address() throws IOException {
      expect(JsonToken.START_OBJECT, "an address");
      ResourceKind type = null;
      String id = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "type" -> type = type(parser.getValueAsString());
          case "id" -> id = parser.getValueAsString();
          default -> throw unknown(file, name, "an address", parser);
        }
      }
      require(type, "address type");
      require(id, "address id");
      return new ResourceAddress(type, id);
    }

    private void expect(JsonToken expected, String what) {
      if (parser.currentToken() != expected) {
        throw invalid(file, what + " is not " + (expected == JsonToken.START_OBJECT ? "an object" : "an array")
            + " (line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr()
            + ")");
      }
    }

    private void require(Object value, String member) {
      if (value == null) {
        throw invalid(file, "no " + member);
      }
    }

    private ResourceKind type(String label) {
      for (ResourceKind type : TYPES) {
        if (type.label().equals(label)) {
          return type;
        }
      }
      throw invalid(file, "unknown resource type '" + label + "'");
    }

    private Action action(String label) {
      for (Action action : ACTIONS) {
        if (action.label().equals(label)) {
          return action;
        }
      }
      throw invalid(file, "unknown action '" + label + "'");
    }
  }
}
