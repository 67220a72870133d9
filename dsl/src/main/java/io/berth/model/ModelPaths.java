package io.berth.model;

/**
 * Model path spellings shared by the DSL's call-site records ({@link SourceMap}) and the validator's violations, e.g.
 * {@code taskDefinition[web].container[httpd].memory}.
 */
public final class ModelPaths {
  private ModelPaths() {}

  /** {@code cluster[name]}. */
  public static String cluster(String name) {
    return "cluster[" + name + "]";
  }

  /** {@code role[name]}. */
  public static String role(String name) {
    return "role[" + name + "]";
  }

  /** {@code taskDefinition[family]}. */
  public static String taskDefinition(String family) {
    return "taskDefinition[" + family + "]";
  }

  /** {@code taskDefinition[family].container[name]}. */
  public static String container(String family, String container) {
    return taskDefinition(family) + ".container[" + container + "]";
  }

  /** {@code taskDefinition[family].volume[name]}. */
  public static String volume(String family, String volume) {
    return taskDefinition(family) + ".volume[" + volume + "]";
  }

  /** {@code service[name]}. */
  public static String service(String name) {
    return "service[" + name + "]";
  }

  /** {@code scaling[service]}. */
  public static String scaling(String service) {
    return "scaling[" + service + "]";
  }

  /** {@code existingRole[name-or-arn]} or {@code existingCluster[name]}, as the reference was written. */
  public static String reference(ExternalReference reference) {
    String kind = reference.kind() == ExternalReference.Kind.ROLE ? "existingRole" : "existingCluster";
    return kind + "[" + reference.written() + "]";
  }

  /** {@code parent.member}. */
  public static String member(String parent, String member) {
    return parent + "." + member;
  }

  /** {@code parent.member[key]}, for list members addressed by name or index. */
  public static String element(String parent, String member, Object key) {
    return parent + "." + member + "[" + key + "]";
  }
}
