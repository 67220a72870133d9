package io.berth.engine.local;

import io.berth.engine.api.ApiError;
import io.berth.engine.api.ApiException;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ServiceView;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Follows the deployments an apply started until every service is steady ({@code berth apply
 * --wait}): one live line rewritten in place on a terminal, plain lines when a line changes
 * otherwise. The wait ends {@link Result#STEADY} when all deployments completed, {@link Result#FAILED}
 * when a circuit breaker failed one (or rolled it back), {@link Result#TIMED_OUT} at the timeout; a
 * control plane that stops answering ends it within {@link #SILENCE} with an {@link ApiException},
 * never at the timeout.
 */
public final class DeploymentProgress {
  /** How a wait ended. */
  public enum Result {
    /** Every deployment completed: the services are steady. */
    STEADY,
    /** A deployment failed (its circuit breaker tripped, or it was rolled back); the lines said which. */
    FAILED,
    /** The timeout passed first; the deployments go on. */
    TIMED_OUT
  }

  /**
   * How long the control plane may go unheard before the wait gives up on it: a status request
   * waits up to this long for its answer, and failed ones are retried this long (a restart of the
   * same control plane within it goes unnoticed).
   */
  public static final Duration SILENCE = Duration.ofSeconds(5);

  private final ControlPlaneClient client;
  private final PrintStream out;
  private final boolean tty;
  private final Supplier<Instant> clock;

  /** Progress of the control plane behind {@code client}, printed to {@code out}. */
  public DeploymentProgress(ControlPlaneClient client, PrintStream out, boolean tty) {
    this(client, out, tty, Instant::now);
  }

  DeploymentProgress(ControlPlaneClient client, PrintStream out, boolean tty, Supplier<Instant> clock) {
    this.client = client;
    this.out = out;
    this.tty = tty;
    this.clock = clock;
  }

  /**
   * Waits until the control plane runs {@code declaredCommit} and all its services are settled.
   *
   * @throws ApiException when the control plane answers an error, or has not answered for {@link
   *     #SILENCE} (refused, reset or silent connections): its error names the URL and what to check
   */
  public Result await(String declaredCommit, Duration timeout) throws InterruptedException {
    Instant deadline = clock.get().plus(timeout);
    Instant lastAnswer = clock.get();
    String lastLine = "";
    while (clock.get().isBefore(deadline)) {
      ClusterStatus status;
      try {
        // Half each: HttpURLConnection sends a GET whose answer timed out once more by itself.
        status = client.get("/v1/status", ClusterStatus.class, SILENCE.dividedBy(2));
        lastAnswer = clock.get();
      } catch (ApiException e) {
        if (e.status() != 0) {
          throw e;
        }
        if (!clock.get().isBefore(lastAnswer.plus(SILENCE))) {
          finish(lastLine);
          throw stoppedAnswering(e);
        }
        Thread.sleep(500);
        continue;
      }
      String line;
      if (!status.declaredCommit().equals(declaredCommit)) {
        line = "waiting for the control plane to pick up " + abbreviate(declaredCommit) + " ...";
      } else {
        // a service whose cluster has no instance cannot progress until an agent joins it: not waited for,
        // unless no other service can progress either (then the wait shows it pending, as before)
        List<ServiceView> followed = status.services().stream().filter(s -> !s.noInstances()).toList();
        if (followed.isEmpty()) {
          followed = status.services();
        }
        List<ServiceView> waited = followed;
        line = followed.stream().map(DeploymentProgress::describe).collect(Collectors.joining("  "));
        if (followed.stream().allMatch(ServiceView::settled)) {
          finish(line);
          status.services().stream().filter(s -> !waited.contains(s)).forEach(s -> out.println("not waiting for "
              + s.serviceName() + ": cluster " + s.cluster() + " has no container instances"));
          List<ServiceView> failed = status.services().stream().filter(ServiceView::failed).collect(Collectors.toList());
          for (ServiceView service : failed) {
            var primary = service.deployments().get(0);
            out.println("deployment of " + service.serviceName() + " failed: " + failedReason(service)
                + (primary.rolloutState().name().equals("COMPLETED") ? "; rolled back to " + primary.taskDefinition() : ""));
          }
          if (failed.isEmpty()) {
            out.println("steady state: " + followed.size() + " services, "
                + followed.stream().mapToInt(ServiceView::healthyCount).sum() + " healthy tasks");
            return Result.STEADY;
          }
          return Result.FAILED;
        }
      }
      if (tty) {
        out.print("\r\033[2K" + line);
        out.flush();
      } else if (!line.equals(lastLine)) {
        out.println(line);
      }
      lastLine = line;
      Thread.sleep(300);
    }
    finish("");
    return Result.TIMED_OUT;
  }

  private ApiException stoppedAnswering(ApiException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String why = cause instanceof SocketTimeoutException ? "it accepts connections but does not answer"
        : cause instanceof ConnectException ? "connection refused"
        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ApiException(0, new ApiError("the control plane at " + client.base() + " stopped answering: nothing heard"
        + " from it for " + SILENCE.toSeconds() + " s (" + why + ")",
        "check that berth up (or berth server) is still running; its log is what that process printed"
            + " (scripts/quickstart writes it to .berth/up.log). Once it runs again, follow the deployments with"
            + " berth wait"));
  }

  private void finish(String line) {
    if (tty) {
      out.print("\r\033[2K" + line);
      out.println();
    }
  }

  private static String failedReason(ServiceView service) {
    return service.deployments().stream().filter(d -> d.rolloutState().name().equals("FAILED"))
        .map(d -> d.taskDefinition() + " (" + d.rolloutStateReason() + ")").findFirst().orElse("circuit breaker");
  }

  static String describe(ServiceView service) {
    var primary = service.deployments().isEmpty() ? null : service.deployments().get(0);
    String state = primary == null ? "PENDING" : primary.rolloutState().name();
    String revision = primary == null ? service.taskDefinition() : primary.taskDefinition();
    return service.serviceName() + " " + revision + " " + bar(service.healthyCount(), service.desiredCount())
        + " " + service.healthyCount() + "/" + service.desiredCount() + " healthy " + state;
  }

  private static String bar(int done, int total) {
    int width = 10;
    int filled = total == 0 ? width : Math.min(width, done * width / total);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
  }

  private static String abbreviate(String commit) {
    return commit.length() > 8 ? commit.substring(0, 8) : commit;
  }
}
