package io.berth.dsl;

/** What a {@code spread} placement strategy balances tasks over. */
public enum Field {
  /** The availability zone attribute Berth sets on every instance. */
  ZONE("attribute:ecs.availability-zone"),
  /** Each container instance on its own. */
  INSTANCE("instanceId"),
  /** The instance type attribute. */
  INSTANCE_TYPE("attribute:ecs.instance-type");

  private final String apiValue;

  Field(String apiValue) {
    this.apiValue = apiValue;
  }

  /** The strategy field as the ECS API spells it. */
  public String apiValue() {
    return apiValue;
  }
}
