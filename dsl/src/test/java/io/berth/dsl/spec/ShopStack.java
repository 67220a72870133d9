package io.berth.dsl.spec;

import io.berth.dsl.Cluster;
import io.berth.dsl.Constraint;
import io.berth.dsl.Field;
import io.berth.dsl.Infra;
import io.berth.dsl.Resource;
import io.berth.dsl.Role;
import io.berth.dsl.Stack;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.TaskDefinition;
import io.berth.model.NetworkMode;

/** The example stack, kept line-stable: ShopStackTest asserts the call-site lines below. */
@Stack("shop")
public final class ShopStack implements StackDefinition {
  @Override
  public void define(Infra infra) {
    Cluster prod = infra.cluster("prod") // line 19
        .capacity("std", 3, g -> g.cpu(2048).memory(4096).zones("zone-a", "zone-b", "zone-c"));
    Role webRole = infra.role("web-task").allow("secrets:Read", "secret/shop/*");
    TaskDefinition web = infra.taskDefinition("web")
        .networkMode(NetworkMode.BRIDGE).taskRole(webRole).executionRole(webRole)
        .container("httpd", c -> c.image("local/shop-web:1.4").cpu(128).memory(256) // line 24
            .portMapping(8080)
            .env("MODE", "prod").secret("DB_PASSWORD", "secret/shop/db")
            .healthCheck(h -> h.shell("wget -q -O- localhost:8080/health").interval(10)))
        .container("log-router", c -> c.image("local/fluent:1").memoryReservation(64).essential(false));
    infra.service("web", prod, web).desiredCount(4) // line 29
        .placement(p -> p.spread(Field.ZONE).binpack(Resource.MEMORY))
        .constraint(Constraint.memberOf("attribute:ecs.instance-type =~ t3.*"))
        .deployment(d -> d.minimumHealthyPercent(50).maximumPercent(200).circuitBreaker(true))
        .loadBalancer(lb -> lb.container("httpd", 8080).listenerPort(80))
        .autoScaling(a -> a.min(2).max(10).targetCpu(60).scheduled("night", "cron(0 22 * * ? *)", 1, 2));
  }
}
