package io.berth.engine.cli;

import io.berth.engine.api.ApiException;
import io.berth.engine.local.DeploymentProgress;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --wait} hook of {@code berth apply}: add {@code @Mixin WaitOptions wait;} to the
 * command and call {@link #afterApply} with the commit the apply made; it follows the deployments
 * to a steady state and returns the exit code (non-zero when a circuit breaker failed one).
 */
public final class WaitOptions {
  @Option(names = "--wait", description = "After applying, follow the deployments until steady state; exit 1 if one fails.")
  boolean wait;

  @Option(names = "--wait-timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "Give up waiting after this long (default: ${DEFAULT-VALUE}); exit 1.")
  Duration timeout;

  @Mixin ServerOptions server;

  /** True when --wait was given. */
  public boolean enabled() {
    return wait;
  }

  /** 0 when not waiting or all deployments completed; 1 when one failed, at the timeout, or when the wait failed. */
  public int afterApply(String declaredCommit) throws InterruptedException {
    if (!wait) {
      return ExitCodes.OK;
    }
    boolean tty = System.console() != null && System.getenv("NO_COLOR") == null;
    try {
      return switch (new DeploymentProgress(server.client(), System.out, tty).await(declaredCommit, timeout)) {
        case STEADY -> ExitCodes.OK;
        case FAILED -> ExitCodes.ERROR;
        case TIMED_OUT -> {
          System.out.flush();
          System.err.println("error: the deployments did not reach a steady state within " + DurationConverter.show(timeout)
              + " (--wait-timeout); they go on: follow them with berth wait --wait-timeout 30m, and see why with berth"
              + " services and berth events");
          yield ExitCodes.ERROR;
        }
      };
    } catch (ApiException e) {
      System.err.println("error: cannot follow the deployments: " + e.error().error()
          + (e.error().fix().isEmpty() ? "" : "; " + e.error().fix()));
      return 1;
    }
  }
}
