package io.berth.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.json.BerthJson;
import io.berth.model.Compatibility;
import io.berth.model.CpuArchitecture;
import io.berth.model.ModelPaths;
import io.berth.model.OsFamily;
import io.berth.model.Tag;
import io.berth.model.TaskDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Task-wide settings with documented limits: tags, ephemeral storage, runtime platform, and the definition's size. */
final class TaskSettingsRules {
  /** ECS's quota for one task definition's JSON. */
  static final int MAX_TASK_DEFINITION_BYTES = 64 * 1024;
  static final int MAX_TAGS = 50;
  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private TaskSettingsRules() {}

  static void check(TaskDefinition task, OptionalInt cpu, String path, Findings findings) {
    checkTags(task.tags(), path, findings);
    task.ephemeralStorage().filter(s -> s.sizeInGiB() < 21 || s.sizeInGiB() > 200).ifPresent(s -> findings.add(
        ViolationCode.EPHEMERAL_STORAGE, ModelPaths.member(path, "ephemeralStorage"), "ephemeral storage "
            + s.sizeInGiB() + " GiB is outside 21-200 GiB"));
    task.runtimePlatform().ifPresent(platform -> {
      boolean windows = platform.operatingSystemFamily().map(os -> os != OsFamily.LINUX).orElse(false);
      String platformPath = ModelPaths.member(path, "runtimePlatform");
      if (windows && platform.cpuArchitecture().orElse(null) == CpuArchitecture.ARM64) {
        findings.add(ViolationCode.RUNTIME_PLATFORM, platformPath, "ARM64 runs Linux only, not "
            + platform.operatingSystemFamily().get().apiValue() + "; use X86_64 or LINUX");
      }
      if (windows && task.requiresCompatibilities().contains(Compatibility.FARGATE) && cpu.isPresent()
          && cpu.getAsInt() < 1024) {
        findings.add(ViolationCode.RUNTIME_PLATFORM, ModelPaths.member(path, "cpu"), "Windows on FARGATE needs at"
            + " least 1 vCPU (1024 units), not " + cpu.getAsInt(), platformPath, "the platform is Windows here");
      }
    });
    int bytes = size(task);
    if (bytes > MAX_TASK_DEFINITION_BYTES) {
      findings.add(ViolationCode.TASK_DEFINITION_SIZE, path, "task definition '" + task.family() + "' is " + bytes
          + " bytes of JSON; ECS accepts at most " + MAX_TASK_DEFINITION_BYTES + " (64 KiB): move large values to"
          + " secrets, volumes or environment files");
    }
  }

  private static int size(TaskDefinition task) {
    try {
      return BerthJson.compact().writeValueAsBytes(task).length;
    } catch (JsonProcessingException e) {
      // the model is plain records: failing to write one is a bug, not a user error
      throw new IllegalStateException("cannot measure task definition " + task.family(), e);
    }
  }

  private static void checkTags(List<Tag> tags, String path, Findings findings) {
    if (tags.size() > MAX_TAGS) {
      findings.add(ViolationCode.TAGS, ModelPaths.element(path, "tags", tags.get(MAX_TAGS).key()), tags.size()
          + " tags; a task definition takes at most " + MAX_TAGS);
    }
    Set<String> keys = new HashSet<>();
    for (Tag tag : tags) {
      String tagPath = ModelPaths.element(path, "tags", tag.key());
      int keyLength = tag.key().codePointCount(0, tag.key().length());
      int valueLength = tag.value().codePointCount(0, tag.value().length());
      if (!keys.add(tag.key())) {
        findings.add(ViolationCode.TAGS, tagPath, "tag key '" + tag.key() + "' is set more than once; keep one");
      } else if (keyLength < 1 || keyLength > 128 || valueLength > 256) {
        findings.add(ViolationCode.TAGS, tagPath, "a tag key has 1-128 characters and a value at most 256;"
            + " shorten '" + tag.key() + "'");
      } else if (!TAG_TEXT.matcher(tag.key()).matches() || !TAG_TEXT.matcher(tag.value()).matches()) {
        findings.add(ViolationCode.TAGS, tagPath, "tag '" + tag.key() + "' may use letters, digits, spaces and"
            + " _ . : / = + - @ only");
      } else if (reserved(tag.key()) || reserved(tag.value())) {
        findings.add(ViolationCode.TAGS, tagPath, "the prefix aws: is reserved for AWS in tag keys and values;"
            + " rename '" + tag.key() + "'");
      }
    }
  }

  private static boolean reserved(String text) {
    return text.toLowerCase(Locale.ROOT).startsWith("aws:");
  }
}
