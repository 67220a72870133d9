package io.berth.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Name pattern and uniqueness: the ECS identifier pattern, and one of each name per scope. */
final class NameRules {
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");

  private NameRules() {}

  static void checkName(String what, String name, String path, Findings findings) {
    if (!NAME.matcher(name).matches()) {
      findings.add(ViolationCode.NAME_PATTERN, path, what + " name '" + name + "' must be 1 to 255 letters, digits,"
          + " hyphens or underscores (^[A-Za-z0-9_-]{1,255}$); rename it");
    }
  }

  /** Reports the second and later items of {@code items} whose key repeats an earlier one. */
  static <T> void checkUnique(String what, List<T> items, Function<T, String> key, Function<T, String> path,
      Findings findings) {
    Set<String> seen = new HashSet<>();
    for (T item : items) {
      String name = key.apply(item);
      if (!seen.add(name)) {
        findings.add(ViolationCode.DUPLICATE_NAME, path.apply(item), what + " '" + name
            + "' is declared more than once; give each " + what + " its own name or remove the duplicate");
      }
    }
  }
}
