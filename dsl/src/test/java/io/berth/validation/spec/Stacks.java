package io.berth.validation.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.dsl.Cluster;
import io.berth.dsl.Container;
import io.berth.dsl.Infra;
import io.berth.dsl.Service;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.StackEvaluation;
import io.berth.dsl.TaskDefinition;
import io.berth.json.BerthJson;
import io.berth.json.DesiredStateJson;
import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import io.berth.validation.Validator;
import io.berth.validation.Violation;
import java.util.List;
import java.util.function.Consumer;

/** A small valid stack that rows of the validation table change in one place. */
final class Stacks {
  private Stacks() {}

  /** Cluster prod, task definition web (container app), service web: valid as is. */
  static StackDefinition base(Consumer<Container> container, Consumer<TaskDefinition> task, Consumer<Service> service) {
    return infra -> {
      Cluster prod = infra.cluster("prod").capacity("std", 2, g -> g.cpu(2048).memory(4096).zones("zone-a", "zone-b"));
      TaskDefinition web = infra.taskDefinition("web").container("app", c -> {
        c.image("local/app:1.0").memory(128).portMapping(8080).healthCheck(h -> h.shell("true"));
        container.accept(c);
      });
      task.accept(web);
      Service svc = infra.service("web", prod, web).desiredCount(2).deployment(d -> d.circuitBreaker(true));
      service.accept(svc);
    };
  }

  static StackDefinition container(Consumer<Container> container) {
    return base(container, t -> { }, s -> { });
  }

  static StackDefinition task(Consumer<TaskDefinition> task) {
    return base(c -> { }, task, s -> { });
  }

  static StackDefinition service(Consumer<Service> service) {
    return base(c -> { }, t -> { }, service);
  }

  static List<Violation> validate(StackDefinition stack) {
    StackEvaluation evaluation = Infra.evaluate("spec", stack);
    return Validator.validate(evaluation.state(), evaluation.sources());
  }

  /** The base stack's model, edited as JSON: for states the typed DSL cannot express (imports, hand edits). */
  static List<Violation> validateEdited(Consumer<ObjectNode> edit) {
    DesiredState state = Infra.evaluate("spec", base(c -> { }, t -> { }, s -> { })).state();
    ObjectNode document = BerthJson.mapper().valueToTree(state);
    edit.accept(document);
    return Validator.validate(DesiredStateJson.read("edited", document.toString()), SourceMap.EMPTY);
  }
}
