package io.berth.examples.testkit;

import io.berth.json.BerthJson;
import io.berth.model.DesiredState;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The desired state the processor synthesized for a stack, read back into the model. */
public final class Synthesized {
  private Synthesized() {}

  /** Reads {@code target/classes/META-INF/berth/<stack>/desired.json}. */
  public static DesiredState desiredState(String stack) {
    try {
      return BerthJson.mapper().readValue(GoldenFiles.synthesized(stack, "desired.json"), DesiredState.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the desired state of stack " + stack, e);
    }
  }
}
