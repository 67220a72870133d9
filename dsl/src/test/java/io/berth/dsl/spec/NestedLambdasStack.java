package io.berth.dsl.spec;

import io.berth.dsl.Cluster;
import io.berth.dsl.Infra;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.TaskDefinition;
import io.berth.model.VolumeScope;

/**
 * Calls inside nested option lambdas, each on its own line, so a test can check that each records
 * its own line rather than the line of the enclosing call. Line comments are the markers.
 */
public final class NestedLambdasStack implements StackDefinition {
  @Override
  public void define(Infra infra) {
    Cluster prod = infra.cluster("prod")
        .capacity("std", 2, g -> g
            .cpu(2048) // capacity.cpu
            .memory(4096)
            .attribute("tier", "web")); // capacity.attribute
    TaskDefinition web = infra.taskDefinition("web")
        .volume("data", v -> v
            .scope(VolumeScope.SHARED)
            .autoprovision(true)) // volume.autoprovision
        .bindVolume("logs", "/var/log/web")
        .container("app", c -> c.image("local/app:1").memory(128).portMapping(8080)
            .mount("data", "/data")
            .healthCheck(h -> h.shell("true")));
    infra.service("web", prod, web).desiredCount(2)
        .loadBalancer(lb -> lb
            .container("app", 8080) // lb.container
            .listenerPort(80)) // lb.listenerPort
        .autoScaling(a -> a.min(1).max(4)
            .step("burst", s -> s
                .above(80) // step.threshold
                .step(0.0, null, 1) // step.step
                .cooldown(120))); // step.cooldown
  }
}
