package io.berth.dsl;

/** What a {@code binpack} placement strategy packs on. */
public enum Resource {
  /** Pack by remaining CPU units. */
  CPU("cpu"),
  /** Pack by remaining memory. */
  MEMORY("memory");

  private final String apiValue;

  Resource(String apiValue) {
    this.apiValue = apiValue;
  }

  /** The strategy field as the ECS API spells it. */
  public String apiValue() {
    return apiValue;
  }
}
