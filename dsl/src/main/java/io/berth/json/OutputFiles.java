package io.berth.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The names of the files a stack's synthesis writes under {@code META-INF/berth/<stack>/}, safe on
 * every file system: {@code desired.json}, one {@code task-definitions/<family>.json} per task
 * definition, and, when a family is too long to be a file name as it is, a shortened name (a prefix
 * of the family and a hash of all of it) recorded in {@code task-definition-files.json}, the index
 * that maps each family to its file.
 *
 * <pre>{@code
 * OutputFiles.taskDefinitionFile("web");            // task-definitions/web.json
 * OutputFiles.taskDefinitionFile("x".repeat(255));  // task-definitions/xxx...xxx-3f2a9c0d1e7b4a65.json
 * }</pre>
 */
public final class OutputFiles {
  /** The desired state document. */
  public static final String DESIRED = "desired.json";
  /** The directory of the task definition files. */
  public static final String TASK_DEFINITIONS = "task-definitions";
  /** The index of task definition files, written when a file name had to be shortened. */
  public static final String INDEX = "task-definition-files.json";
  /**
   * The longest file name written, in bytes: well inside the 255 of ext4, APFS and NTFS, and the
   * 143 of eCryptfs home directories.
   */
  public static final int MAX_NAME_BYTES = 128;
  private static final int PREFIX = 96;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");
  private static final TypeReference<TreeMap<String, String>> INDEX_TYPE = new TypeReference<>() {};

  private OutputFiles() {}

  /** The path, relative to the stack's directory, of the file for the family {@code family}. */
  public static String taskDefinitionFile(String family) {
    return TASK_DEFINITIONS + "/" + fileName(family);
  }

  /** Whether {@link #taskDefinitionFile} shortens {@code family} (so the index is needed to find it). */
  public static boolean isShortened(String family) {
    return !fileName(family).equals(family + ".json");
  }

  private static String fileName(String family) {
    String plain = family + ".json";
    if (PLAIN.matcher(family).matches() && plain.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
      return plain;
    }
    String prefix = family.replaceAll("[^A-Za-z0-9_-]", "_");
    prefix = prefix.substring(0, Math.min(PREFIX, prefix.length()));
    return prefix + "-" + hash(family) + ".json";
  }

  private static String hash(String family) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(family.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The index document for {@code files} (family to relative path), keys sorted. */
  public static String writeIndex(Map<String, String> files) {
    return BerthJson.write(new TreeMap<>(files));
  }

  /** Reads an index document; {@code source} names it in errors. */
  public static Map<String, String> readIndex(String source, String json) {
    try {
      return BerthJson.mapper().readValue(json, INDEX_TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not a task definition index (" + e.getOriginalMessage()
          + "); rebuild it with mvn compile", e);
    }
  }
}
