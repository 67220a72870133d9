package io.berth.plans.render;

import io.berth.plans.Action;
import io.berth.plans.DryRun;
import io.berth.plans.FieldChange;
import io.berth.plans.OutsideChange;
import io.berth.plans.Plan;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns plan records into the views templates loop over. Formatting only: what each line says and
 * which marker it gets, with long values and long attribute lists shortened so that one resource
 * always fits in one pull-request comment.
 */
final class PlanViews {
  static final int MAX_LINES = 150;
  static final int MAX_VALUE = 240;

  private PlanViews() {}

  /** The resources to show: every change, and no-ops only when they carry a note. */
  static List<ResourceView> resources(Plan plan) {
    List<ResourceView> views = new ArrayList<>();
    for (ResourceChange change : plan.changes()) {
      if (change.action() == Action.NO_OP && change.notes().isEmpty()) {
        continue;
      }
      List<LineView> lines = new ArrayList<>();
      List<LineView> diff = new ArrayList<>();
      List<String> forcing = change instanceof ResourceChange.Replace r ? r.forcedBy() : List.of();
      Optional<String> lastDsl = Optional.empty();
      for (FieldChange field : change.fields()) {
        // the DSL call once for a run of attributes it sets (an environment variable's name and value)
        Optional<String> dsl = DslNames.of(change.address().type(), field.path());
        String suffix = suffix(forcing.contains(field.path()), dsl.equals(lastDsl) ? Optional.empty() : dsl);
        lastDsl = dsl;
        if (field.before().isPresent() && field.after().isPresent()) {
          lines.add(new LineView("~", field.path() + " = " + cut(field.before().get()) + " -> "
              + cut(field.after().get()) + suffix));
          diff.add(new LineView("-", field.path() + " = " + cut(field.before().get())));
          diff.add(new LineView("+", field.path() + " = " + cut(field.after().get()) + suffix));
        } else if (field.after().isPresent()) {
          lines.add(new LineView("+", field.path() + " = " + cut(field.after().get()) + suffix));
          diff.add(new LineView("+", field.path() + " = " + cut(field.after().get()) + suffix));
        } else {
          lines.add(new LineView("-", field.path() + " = " + cut(field.before().orElse("")) + suffix));
          diff.add(new LineView("-", field.path() + " = " + cut(field.before().orElse("")) + suffix));
        }
      }
      int hidden = Math.max(0, diff.size() - MAX_LINES);
      views.add(new ResourceView(change.action().marker(), change.action().label(), change.address().toString(),
          headline(change), head(lines), head(diff), change.notes(), hidden));
    }
    return views;
  }

  /** A partial plan's two sentences, what it covers and the warning that it covers only that; none for a whole plan. */
  static List<String> partial(Plan plan) {
    return plan.partial().map(p -> List.of("Partial plan: only " + names(p.only()) + (p.dependencies().isEmpty() ? ""
            : ", with what it needs: " + names(p.dependencies())) + ".",
        "Warning: this plan covers only part of the stack (--only); the rest stays as the last apply left it, even"
            + " where the desired state differs. Plan without --only to bring the whole stack to its desired state."))
        .orElse(List.of());
  }

  private static String names(List<ResourceAddress> addresses) {
    return addresses.stream().map(ResourceAddress::toString).collect(Collectors.joining(", "));
  }

  static List<OutsideView> outside(Plan plan) {
    List<OutsideView> views = new ArrayList<>();
    for (OutsideChange change : plan.outsideChanges()) {
      views.add(new OutsideView(change.address().toString(), change.path(), change.lastApplied(), change.live(),
          change.explanation()));
    }
    return views;
  }

  static DryRunView dryRun(Plan plan) {
    DryRun dryRun = plan.dryRun();
    List<String> placed = new ArrayList<>();
    for (DryRun.Placement p : dryRun.placements()) {
      placed.add(p.tasks() + (p.tasks() == 1 ? " task" : " tasks") + " of " + p.service() + " (" + p.taskDefinition()
          + ") on " + p.containerInstance());
    }
    List<String> failed = new ArrayList<>();
    for (DryRun.Failure f : dryRun.failures()) {
      failed.add(f.tasks() + (f.tasks() == 1 ? " task" : " tasks") + " of " + f.service() + " cannot be placed: "
          + f.reason());
    }
    return new DryRunView(dryRun.ran(), dryRun.note(), placed, failed);
  }

  /** What follows an attribute's value: that it forces the replacement, and the DSL call that sets it when named otherwise. */
  private static String suffix(boolean forces, Optional<String> dsl) {
    if (!forces && dsl.isEmpty()) {
      return "";
    }
    return "   # " + (forces ? "forces replacement" : "") + (forces && dsl.isPresent() ? "; " : "")
        + dsl.map(call -> "DSL: " + call).orElse("");
  }

  private static String headline(ResourceChange change) {
    String title = change.address().toString();
    if (change instanceof ResourceChange.Replace r) {
      return title + " must be replaced (forced by " + String.join(", ", r.forcedBy()) + ")";
    }
    if (change.action() == Action.UPDATE && change.address().type() == ResourceKind.TASK_DEFINITION) {
      // a task definition never changes: the plan registers another revision beside the running one
      return title + " will get a new revision" + change.fields().stream().filter(f -> f.path().equals("revision"))
          .findFirst().flatMap(FieldChange::after).map(r -> ", " + change.address().id() + ":" + r).orElse("");
    }
    return switch (change.action()) {
      case CREATE -> title + " will be created";
      case UPDATE -> title + " will be updated in place";
      case DELETE -> title + " will be destroyed";
      case NO_OP -> title + " is unchanged";
      default -> title + " will be " + change.action().label();
    };
  }

  private static List<LineView> head(List<LineView> lines) {
    return lines.size() <= MAX_LINES ? lines : List.copyOf(lines.subList(0, MAX_LINES));
  }

  private static String cut(String value) {
    String oneLine = value.replace("\n", "\\n").replace("\r", "\\r");
    return oneLine.length() <= MAX_VALUE ? oneLine : oneLine.substring(0, MAX_VALUE) + "...(" + oneLine.length()
        + " chars)";
  }
}
