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
 * @param author who applies, {@code Name <email>}, as the client resolved it ({@code --author}, CI, Git identity)
 * @param runUrl the client's CI run, for the commit's {@code Berth-Run} trailer
 */
public record ApplyRequest(String desired, String workingDirectory, Optional<String> stack, boolean colour,
    Optional<String> author, Optional<String> runUrl) {

  /** Checks the paths and normalises omitted members. */
  public ApplyRequest {
    Objects.requireNonNull(desired, "desired == null");
    Objects.requireNonNull(workingDirectory, "workingDirectory == null");
    stack = stack == null ? Optional.empty() : stack;
    author = author == null ? Optional.empty() : author;
    runUrl = runUrl == null ? Optional.empty() : runUrl;
  }

  /** A request that leaves the attribution to the control plane. */
  public ApplyRequest(String desired, String workingDirectory, Optional<String> stack, boolean colour) {
    this(desired, workingDirectory, stack, colour, Optional.empty(), Optional.empty());
  }
}
