package io.berth.plans.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.model.TaskDefinition;
import io.berth.plans.FieldChange;
import io.berth.plans.LiveState;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import io.berth.plans.TaskDefinitionRevision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Task definitions are immutable: a family whose content changed gets the next revision (numbers are
 * never reused, even after a deregistration), an unchanged family keeps its active revision.
 */
final class TaskDefinitionDiff {
  private TaskDefinitionDiff() {}

  /** The changes, and the revisions that will be active after the apply (in {@code target}). */
  static List<ResourceChange> diff(List<TaskDefinition> desired, LiveState live,
      List<TaskDefinitionRevision> target) {
    Map<String, TaskDefinition> want = SimpleDiff.index(desired, TaskDefinition::family);
    Map<String, TaskDefinitionRevision> have =
        SimpleDiff.index(live.declared().taskDefinitions(), TaskDefinitionRevision::family);
    TreeSet<String> families = new TreeSet<>(want.keySet());
    families.addAll(have.keySet());
    List<ResourceChange> changes = new ArrayList<>();
    for (String family : families) {
      ResourceAddress address = new ResourceAddress(ResourceKind.TASK_DEFINITION, family);
      TaskDefinition after = want.get(family);
      TaskDefinitionRevision before = have.get(family);
      int next = live.latestRevisions().getOrDefault(family, 0) + 1;
      if (before == null) {
        target.add(new TaskDefinitionRevision(next, after));
        List<FieldChange> fields = new ArrayList<>();
        fields.add(FieldChange.added("revision", String.valueOf(next)));
        fields.addAll(JsonFields.all(JsonFields.tree(after), true));
        List<String> notes = new ArrayList<>(next == 1 ? List.of()
            : List.of("registers " + family + ":" + next + "; earlier revisions of this family stay deregistered"));
        notes.addAll(References.notes(after, true));
        changes.add(new ResourceChange.Create(address, fields, notes));
      } else if (after == null) {
        changes.add(new ResourceChange.Delete(address, List.of(FieldChange.removed("revision",
            String.valueOf(before.revision()))), List.of("deregisters " + before.arn()
            + "; running tasks keep it, its revisions stay in the state history")));
      } else {
        JsonNode was = JsonFields.tree(before.definition());
        JsonNode now = JsonFields.tree(after);
        List<FieldChange> diff = JsonFields.diff(was, now);
        if (diff.isEmpty()) {
          target.add(before);
          changes.add(new ResourceChange.NoOp(address, References.notes(after, false)));
        } else {
          target.add(new TaskDefinitionRevision(next, after));
          List<FieldChange> fields = new ArrayList<>();
          fields.add(FieldChange.changed("revision", String.valueOf(before.revision()), String.valueOf(next)));
          fields.addAll(diff);
          List<String> notes = new ArrayList<>(List.of("new revision " + family + ":" + next
              + " (revisions are immutable); " + before.arn() + " is kept for tasks still running it"));
          notes.addAll(References.notes(after, true));
          changes.add(new ResourceChange.Update(address, fields, notes));
        }
      }
    }
    return changes;
  }
}
