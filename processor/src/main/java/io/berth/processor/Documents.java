package io.berth.processor;

import io.berth.json.DesiredStateJson;
import io.berth.json.TaskDefinitionJson;
import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;

/** The JSON text of the synthesized files, written by the dsl module's stable mappings. */
final class Documents {
  private Documents() {}

  static String desiredState(DesiredState state) {
    return DesiredStateJson.write(state);
  }

  static String taskDefinition(TaskDefinition taskDefinition) {
    return TaskDefinitionJson.write(taskDefinition);
  }
}
