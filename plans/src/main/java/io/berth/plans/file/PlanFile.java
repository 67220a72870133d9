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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The plan file {@code berth plan --out} writes and {@code berth apply} reads: the plan document
 * as compact JSON on one line, members in record order, with a {@code planDigest} second (the
 * SHA-256 of every byte of the file but the digest's own 64 hex digits). The same plan gives the
 * same bytes.
 *
 * <p>Why this shape: applying a 5,000-service plan must take well under a second from a cold
 * start. Reading it, an apply binds only what its commit message names, takes the target documents'
 * JSON from the file instead of binding and serialising them again ({@link TargetDocuments}), and
 * skips the field-level changes. The
 * digest proves the whole file is the planner's own: what a reviewer read (the changes, the dry
 * run) is what is applied, and a plan edited or damaged after {@code berth plan} is refused instead
 * of writing whatever it now holds into the state.
 */
public final class PlanFile {
  private static final ObjectMapper MAPPER = BerthJson.mapper();
  private static final ObjectWriter COMPACT = BerthJson.compact();
  // values() copies its array on every call, 10,000 times per large plan
  private static final Action[] ACTIONS = Action.values();
  private static final ResourceKind[] TYPES = ResourceKind.values();
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}");
  private static final byte[] DIGEST_PREFIX = "\"sha256:".getBytes(StandardCharsets.UTF_8);
  private static final int HEX_DIGITS = 64;
  // the plan's members except the target, which is written after its digest
  private static final ObjectWriter HEAD = MAPPER.copy().addMixIn(Plan.class, WithoutTarget.class).writer()
      .without(SerializationFeature.INDENT_OUTPUT);

  @JsonIgnoreProperties("target")
  private abstract static class WithoutTarget {}

  // the whole document, every member bound and none unknown; the digest was checked by the token pass
  private static final ObjectReader WHOLE = MAPPER.copy().addMixIn(Plan.class, WithDigest.class)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readerFor(Plan.class);

  @JsonIgnoreProperties("planDigest")
  private abstract static class WithDigest {}

  private PlanFile() {}

  /** The plan file bytes of {@code plan}. */
  public static byte[] write(Plan plan) {
    try {
      byte[] head = HEAD.writeValueAsBytes(plan);
      byte[] target = COMPACT.writeValueAsBytes(plan.target());
      ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + target.length + 128);
      int afterVersion = indexOf(head, (byte) ',') + 1; // formatVersion is a number: its comma is the first
      out.write(head, 0, afterVersion);
      out.writeBytes(("\"planDigest\":\"sha256:" + "0".repeat(HEX_DIGITS) + "\",").getBytes(StandardCharsets.UTF_8));
      out.write(head, afterVersion, head.length - 1 - afterVersion); // all but the closing brace
      out.writeBytes(",\"target\":".getBytes(StandardCharsets.UTF_8));
      out.writeBytes(target);
      out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
      return seal(out.toByteArray());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise plan " + plan.planId(), e);
    }
  }

  /**
   * The {@code planDigest} ({@code sha256:<hex>}) of a file {@link #write} wrote, read from where it
   * wrote it: the apply of a plan made in the same run records it without hashing the file again.
   */
  public static String digest(byte[] file) {
    int digits = digitsOffset(file);
    return "sha256:" + new String(file, digits, HEX_DIGITS, StandardCharsets.US_ASCII);
  }

  private static int digitsOffset(byte[] file) {
    return indexOf(file, (byte) ',') + 1 + "\"planDigest\":".length() + DIGEST_PREFIX.length;
  }

  /**
   * Writes the digest into {@code file}, whose planDigest is its second member as {@link #write}
   * puts it, and returns it; tests seal files they damage on purpose to reach the checks after it.
   */
  static byte[] seal(byte[] file) {
    int digits = digitsOffset(file);
    byte[] hex = hexDigest(file, digits).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(hex, 0, file, digits, HEX_DIGITS);
    return file;
  }

  /** The SHA-256, in hex, of {@code file} without the 64 digits starting at {@code digits}. */
  static String hexDigest(byte[] file, int digits) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(file, 0, digits);
      sha.update(file, digits + HEX_DIGITS, file.length - digits - HEX_DIGITS);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalStateException("no member after formatVersion");
  }

  /**
   * Reads what an apply needs from plan file bytes. A file that is not a plan, has another format
   * version, is damaged, or whose bytes no longer match its digest fails naming {@code file} and
   * the fix.
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
      int digest = -1; // where the digest's hex digits start
      TargetDocuments target = null;
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
          case "planDigest" -> digest = digest(digest);
          case "target" -> target = new TargetReader(parser, bytes, file).read();
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
      require(digest < 0 ? null : digest, "planDigest");
      require(target, "target");
      if (!target.stack().equals(stack)) {
        throw invalid(file, "the target declares stack '" + target.stack() + "', the plan '" + stack + "'");
      }
      String written = new String(bytes, digest, HEX_DIGITS, StandardCharsets.US_ASCII);
      String actual = hexDigest(bytes, digest);
      if (!actual.equals(written)) {
        throw new PlanFileException(file + " was changed after berth plan wrote it: its bytes do not match its"
            + " planDigest (sha256:" + written + ", now sha256:" + actual + "); nothing was applied. Make the plan"
            + " again with berth plan --out " + file + " (edit the stack, not the plan)");
      }
      return new SavedPlan(planId, "sha256:" + written, stack, baseState, reads, applicationCommit, summary, changes,
          target, only);
    }

    /**
     * Where the planDigest's 64 hex digits start, checked to be written as berth plan writes them
     * ({@code "sha256:<64 lowercase hex digits>"}, no escapes), so the bytes around them are
     * exactly the bytes the digest covers. A second planDigest is refused: only one is left out.
     */
    private int digest(int seen) {
      if (seen >= 0) {
        throw invalid(file, "two planDigest members");
      }
      int quote = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
      int digits = quote + DIGEST_PREFIX.length;
      boolean wellFormed = parser.currentToken() == JsonToken.VALUE_STRING && digits + HEX_DIGITS < bytes.length
          && Arrays.equals(bytes, quote, digits, DIGEST_PREFIX, 0, DIGEST_PREFIX.length)
          && bytes[digits + HEX_DIGITS] == '"';
      for (int i = digits; wellFormed && i < digits + HEX_DIGITS; i++) {
        wellFormed = bytes[i] >= '0' && bytes[i] <= '9' || bytes[i] >= 'a' && bytes[i] <= 'f';
      }
      if (!wellFormed) {
        throw invalid(file, "planDigest is not sha256: and 64 hex digits");
      }
      return digits;
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
