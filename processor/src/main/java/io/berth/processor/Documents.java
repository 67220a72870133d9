package io.berth.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.json.BerthJson;
import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;

/** The JSON text of the synthesized files, as the dsl module's mappings write it. */
final class Documents {
  private Documents() {}

  static String desiredState(DesiredState state) {
    return write(state);
  }

  static String taskDefinition(TaskDefinition taskDefinition) {
    return write(taskDefinition);
  }

  private static String write(Object value) {
    try {
      return BerthJson.mapper().writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
