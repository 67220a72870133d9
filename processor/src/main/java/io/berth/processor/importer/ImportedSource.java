package io.berth.processor.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The DSL source written for one task definition: the class it declares, its text, and warnings
 * (members dropped while reading, role ARNs replaced by Berth roles).
 */
public record ImportedSource(String packageName, String className, String stackName, String source,
    List<String> warnings) {
  /** All parts are required; warnings are copied. */
  public ImportedSource {
    Objects.requireNonNull(packageName, "packageName == null");
    Objects.requireNonNull(className, "className == null");
    Objects.requireNonNull(stackName, "stackName == null");
    Objects.requireNonNull(source, "source == null");
    warnings = List.copyOf(warnings);
  }

  /** {@code com.acme.infra.NginxStack}. */
  public String qualifiedName() {
    return packageName.isEmpty() ? className : packageName + "." + className;
  }

  /** Where the file goes under a source root: {@code com/acme/infra/NginxStack.java}. */
  public Path relativePath() {
    return Path.of(qualifiedName().replace('.', '/') + ".java");
  }
}
