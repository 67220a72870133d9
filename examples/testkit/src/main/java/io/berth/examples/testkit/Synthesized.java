package io.berth.examples.testkit;

import io.berth.json.DesiredStateJson;
import io.berth.model.DesiredState;

/** The desired state the processor synthesized for a stack, read back into the model. */
public final class Synthesized {
  private Synthesized() {}

  /** Reads {@code target/classes/META-INF/berth/<stack>/desired.json}. */
  public static DesiredState desiredState(String stack) {
    return DesiredStateJson.read(stack + "/desired.json", GoldenFiles.synthesized(stack, "desired.json"));
  }
}
