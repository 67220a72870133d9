package io.berth.engine.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /v1/apply}: {@code berth apply --desired DIR --auto-approve} for the control
 * plane of {@code berth up} to run in its own process, on its own state repository.
 *
 * @param desired the {@code --desired} directory as the user typed it (it appears in error messages)
 * @param workingDirectory the client's absolute working directory, which a relative {@code desired} is resolved in
 * @param stack the {@code --stack} option
 * @param colour whether the client's terminal wants the plan text in colour (decided by the client)
 */
public record ApplyRequest(String desired, String workingDirectory, Optional<String> stack, boolean colour) {

  /** Checks the paths and normalises an omitted stack. */
  public ApplyRequest {
    Objects.requireNonNull(desired, "desired == null");
    Objects.requireNonNull(workingDirectory, "workingDirectory == null");
    stack = stack == null ? Optional.empty() : stack;
  }
}
