package io.berth.processor.importer;

import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/** Java and Berth names derived from ECS names, chosen to read like a person wrote them. */
final class Names {
  private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");
  private static final Pattern BERTH_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
  /** The longest class name before the {@code Stack} suffix: its files stay far from the 255-byte limit. */
  static final int MAX_CLASS_NAME = 100;

  private Names() {}

  /** {@code my-web_app} -> {@code MyWebAppStack}. */
  static String className(String family) {
    StringBuilder name = new StringBuilder();
    for (String part : SEPARATORS.split(family)) {
      if (!part.isEmpty()) {
        name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    if (name.length() == 0 || !Character.isJavaIdentifierStart(name.charAt(0))) {
      name.insert(0, "Family");
    }
    // a class name is a file name (.java, .class): keep it well inside 255 bytes, unique by a hash
    if (name.length() > MAX_CLASS_NAME) {
      name.setLength(MAX_CLASS_NAME - 9);
      name.append(String.format("%08x", family.hashCode()));
    }
    name.append("Stack");
    return name.toString();
  }

  /**
   * A local variable for the role {@code name}: {@code ecsTaskRole} stays, {@code EXECUTION_ROLE}
   * becomes {@code executionRole}, {@code app} becomes {@code appRole}; never a keyword.
   */
  static String roleVariable(String name) {
    StringBuilder variable = new StringBuilder();
    for (String part : SEPARATORS.split(name)) {
      if (part.isEmpty()) {
        continue;
      }
      String word = part.equals(part.toUpperCase(Locale.ROOT)) ? part.toLowerCase(Locale.ROOT) : part;
      variable.append(variable.length() == 0
          ? Character.toLowerCase(word.charAt(0)) + word.substring(1)
          : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    if (!variable.toString().toLowerCase(Locale.ROOT).endsWith("role")) {
      variable.append("Role");
    }
    String result = variable.toString();
    return SourceVersion.isName(result) && Character.isJavaIdentifierStart(result.charAt(0))
        ? result : "importedRole";
  }

  /**
   * The Berth role that stands for an IAM role ARN: its last path segment
   * ({@code arn:aws:iam::123:role/app/ecsTaskRole} -> {@code ecsTaskRole}), made a valid name.
   */
  static String roleName(String arn) {
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    if (name.contains(":")) {
      name = name.substring(name.lastIndexOf(':') + 1);
    }
    name = name.replaceAll("[^A-Za-z0-9_-]", "-").replaceAll("^-+|-+$", "");
    return BERTH_NAME.matcher(name).matches() ? name : "imported-role";
  }
}
