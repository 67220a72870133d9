package io.berth.plans;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The counts of the summary line {@code Plan: N to add, N to change, N to destroy.} A replacement
 * counts as one add and one destroy, as in Terraform.
 */
public record Summary(int add, int change, int destroy, int unchanged) {

  /** Counts the actions of {@code changes}. */
  public static Summary of(List<ResourceChange> changes) {
    int add = 0;
    int change = 0;
    int destroy = 0;
    int unchanged = 0;
    for (ResourceChange c : changes) {
      switch (c.action()) {
        case CREATE -> add++;
        case UPDATE -> change++;
        case REPLACE -> {
          add++;
          destroy++;
        }
        case DELETE -> destroy++;
        case NO_OP -> unchanged++;
        default -> throw new IllegalStateException("unknown action " + c.action());
      }
    }
    return new Summary(add, change, destroy, unchanged);
  }

  /** True when applying would change nothing. */
  @JsonIgnore
  public boolean isEmpty() {
    return add == 0 && change == 0 && destroy == 0;
  }

  /** {@code Plan: 1 to add, 2 to change, 0 to destroy.} */
  public String line() {
    return "Plan: " + add + " to add, " + change + " to change, " + destroy + " to destroy.";
  }
}
