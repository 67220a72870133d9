package io.berth.examples.webapp;

import io.berth.dsl.ExistingCluster;
import io.berth.dsl.ExistingRole;
import io.berth.dsl.Field;
import io.berth.dsl.Infra;
import io.berth.dsl.Resource;
import io.berth.dsl.Stack;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.TaskDefinition;
import io.berth.model.ContainerCondition;
import io.berth.model.NetworkMode;

/**
 * A small web service, the stack the quickstart deploys: three tasks of a busybox httpd image
 * (built locally, no registry) on a bridge network with host ports chosen at run time, a sidecar,
 * a health check, an HTTP load balancer with its own health check, CPU target tracking and a
 * rolling deployment guarded by a circuit breaker with rollback. It runs on the cluster {@code local}
 * and with the task role {@code app-task} that the platform stack owns ({@code examples/platform}),
 * so it declares only its own task definition and service.
 */
@Stack("webapp")
public final class WebApp implements StackDefinition {
  /** The image {@code scripts/quickstart} builds from scratch + busybox: httpd on 8080, {@code /health}. */
  public static final String IMAGE = "berth-examples/webapp-httpd:1";

  @Override
  public void define(Infra infra) {
    ExistingCluster local = infra.existingCluster("local"); // owned by the platform stack
    ExistingRole taskRole = infra.existingRole("app-task");

    TaskDefinition web = infra.taskDefinition("webapp")
        .networkMode(NetworkMode.BRIDGE)
        .taskRole(taskRole)
        .container("httpd", c -> c.image(IMAGE)
            .cpu(256).memory(128).memoryReservation(64)
            .portMapping(8080) // bridge: the host port is picked from the ephemeral range at run time
            .env("GREETING", "hello from berth")
            .healthCheck(h -> h.shell("wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1")
                .interval(5).timeout(2).retries(3).startPeriod(5))
            .stopTimeout(10))
        // Non-essential sidecar: the task keeps serving if it dies, and it starts after httpd.
        // A shell as PID 1 ignores SIGTERM unless it traps it; sleeping in the background keeps the
        // trap responsive, so a stop takes a moment instead of the whole stopTimeout.
        .container("heartbeat", c -> c.image(IMAGE)
            .cpu(32).memory(32).essential(false)
            .entryPoint("/bin/busybox")
            .command("sh", "-c", "trap 'exit 0' TERM; while true; do date; sleep 30 & wait $!; done")
            .dependsOn("httpd", ContainerCondition.START));

    infra.service("webapp", local, web)
        .desiredCount(3)
        .placement(p -> p.spread(Field.ZONE).binpack(Resource.MEMORY))
        .deployment(d -> d.maximumPercent(200).minimumHealthyPercent(50).circuitBreaker(true, true))
        .healthCheckGracePeriod(10)
        // An HTTP listener on 8080 (berth up --lb-listen chooses the address): a target gets requests once
        // GET /health answers 200, and a leaving one finishes its requests (at most 30 s) before it stops.
        .loadBalancer(lb -> lb.container("httpd", 8080).listenerPort(8080)
            .healthCheck(h -> h.path("/health").interval(5).timeout(2).healthyThreshold(2).unhealthyThreshold(2))
            .deregistrationDelay(30))
        .autoScaling(a -> a.min(3).max(6).targetCpu(60));
  }
}
