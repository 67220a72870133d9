package io.berth.engine.api;

/** A secret handed to an agent for one task whose execution role may read it. */
public record SecretValue(String name, String value) {

  /** Checks the members are present. */
  public SecretValue {
    Wire.required(name, "name");
    Wire.required(value, "value");
  }

  /** Redacted, so a secret never lands in a log by accident. */
  @Override
  public String toString() {
    return "SecretValue[name=" + name + ", value=****]";
  }
}
