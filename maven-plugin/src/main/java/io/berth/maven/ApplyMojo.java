package io.berth.maven;

import io.berth.engine.planner.ApplyRun;
import io.berth.engine.planner.StateArgument;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import java.io.File;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn berth:apply}: {@code berth apply}. With {@code -Dberth.plan=FILE} it applies a saved plan
 * (refused when the state moved since it was made); without, it plans the project's compiled
 * classes and applies that plan at once, which needs {@code -Dberth.autoApprove=true}, as
 * {@code berth apply --desired DIR --auto-approve} does.
 */
@Mojo(name = "apply", threadSafe = true)
public final class ApplyMojo extends BerthMojo {
  /** A plan file written by {@code berth:plan -Dberth.out=FILE} (or {@code berth plan --out FILE}). */
  @Parameter(property = "berth.plan")
  File plan;

  /** The processor's output to plan and apply when no plan file is given. */
  @Parameter(property = "berth.desired", defaultValue = "${project.build.outputDirectory}")
  File desired;

  /** The stack to apply when the classes hold several. */
  @Parameter(property = "berth.stack")
  String stack;

  /** Who the state commit is attributed to ({@code "Name <mail>"}); default: the CI's user, else the Git identity. */
  @Parameter(property = "berth.author")
  String author;

  /** Apply the plan made from the classes without review. */
  @Parameter(property = "berth.autoApprove", defaultValue = "false")
  boolean autoApprove;

  private Attribution attribution() throws MojoFailureException {
    try {
      return StateArgument.attribution(Optional.ofNullable(author), System.getenv());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    }
  }

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipping berth:apply (berth.skip)");
      return;
    }
    if (plan != null) {
      StateAccess access = stateAccess();
      Attribution by = attribution();
      report("applying " + plan + " to " + stateName(),
          (out, err) -> ApplyRun.runSaved(access, plan.toPath(), by, out, err).exitCode());
      return;
    }
    if (!autoApprove) {
      throw new MojoFailureException("berth:apply without a plan file plans and applies " + desired + " without"
          + " review, so it needs -Dberth.autoApprove=true; or save a plan with mvn berth:plan -Dberth.out=plan.json"
          + " and apply that file with mvn berth:apply -Dberth.plan=plan.json");
    }
    checkBuiltContext(desired, Optional.ofNullable(stack));
    StateAccess access = stateAccess();
    Attribution by = attribution();
    report("planning and applying " + desired + " to " + stateName(),
        (out, err) -> ApplyRun.run(access, desired.toPath(), Optional.ofNullable(stack), false, by, out, err)
            .exitCode());
  }
}
