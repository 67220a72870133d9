package io.berth.engine.state;

import java.util.List;

/**
 * An apply found that something its plan read has changed on {@code main} since the plan was made
 * (another apply came first). Nothing was written; the plan must be made again against the new
 * state. See the concurrency rule in {@code docs/state-repository.md}.
 */
public final class StateMovedException extends StateException {
  private static final long serialVersionUID = 1L;
  private final String base;
  private final String tip;
  private final List<String> changed;

  /** The plan read {@code base} ("none": an empty repository); main is at {@code tip} and {@code changed} differ. */
  public StateMovedException(String base, String tip, List<String> changed) {
    super("the state moved since the plan: plan again (the plan read main at " + shortId(base) + ", main is now at "
        + shortId(tip) + " and " + describe(changed) + " changed); nothing was applied");
    this.base = base;
    this.tip = tip;
    this.changed = List.copyOf(changed);
  }

  /** The commit the plan was made against, or "none". */
  public String base() {
    return base;
  }

  /** The commit main is at now, or "none". */
  public String tip() {
    return tip;
  }

  /** The paths the plan read that changed ({@code ""} is the whole tree). */
  public List<String> changed() {
    return changed;
  }

  private static String describe(List<String> changed) {
    if (changed.contains(StateReads.WHOLE)) {
      return "what it read (all of main)";
    }
    // a stack's directory says most about what happened: name those first
    List<String> ordered = new java.util.ArrayList<>(changed.stream().filter(p -> p.startsWith("stacks/")).toList());
    changed.stream().filter(p -> !p.startsWith("stacks/")).forEach(ordered::add);
    return ordered.size() <= 3 ? String.join(", ", ordered) : String.join(", ", ordered.subList(0, 3)) + " and "
        + (ordered.size() - 3) + " more paths";
  }

  private static String shortId(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
