package io.berth.dsl.spec;

import io.berth.dsl.Infra;
import io.berth.dsl.StackDefinition;
import io.berth.model.ApplicationProtocol;
import io.berth.model.FirelensType;
import io.berth.model.LogDriver;
import io.berth.model.NetworkMode;
import io.berth.model.ProxyType;
import io.berth.model.ResourceType;
import io.berth.model.Toggle;
import io.berth.model.TransportProtocol;
import io.berth.model.VersionConsistency;

/**
 * The ECS members beyond the everyday ones, one call per line so tests can check each call's
 * recorded line: FireLens, App Mesh, EFS, accelerators, named ports and port ranges, restart
 * policies, credential specs. Line comments name the model path each line records.
 */
public final class EcsFeaturesStack implements StackDefinition {
  @Override
  public void define(Infra infra) {
    infra.taskDefinition("mesh")
        .networkMode(NetworkMode.AWSVPC)
        .enableFaultInjection(true)
        .inferenceAccelerator("device_1", "eia2.medium")
        .efsVolume("shared", "fs-12345678", e -> e
            .rootDirectory("/") // efs.rootDirectory
            .transitEncryption(Toggle.ENABLED)
            .transitEncryptionPort(2049)
            .accessPoint("fsap-1234") // efs.accessPointId
            .iam(Toggle.ENABLED))
        .efsVolume("plain", "fs-87654321")
        .proxyConfiguration("envoy", p -> p
            .type(ProxyType.APPMESH) // proxy.type
            .property("IgnoredUID", "1337") // proxy.IgnoredUID
            .property("AppPorts", "8080")
            .property("ProxyIngressPort", "15000")
            .property("ProxyEgressPort", "15001"))
        .container("log_router", c -> c.image("amazon/aws-for-fluent-bit:2.32.0").memory(64).essential(false)
            .firelensConfiguration(f -> f
                .type(FirelensType.FLUENTBIT)
                .option("enable-ecs-log-metadata", "true")) // firelens.option
            .logConfiguration(l -> l
                .driver(LogDriver.JSON_FILE)
                .option("max-size", "10m"))) // log.option
        .container("app", c -> c.image("local/app:1.0").memory(256)
            .portMapping(p -> p
                .containerPort(8080)
                .name("web") // port.name
                .appProtocol(ApplicationProtocol.HTTP))
            .portMapping(p -> p.containerPortRange("9000-9010").protocol(TransportProtocol.UDP))
            .logDriver(LogDriver.AWSFIRELENS)
            .restartPolicy(r -> r
                .ignoredExitCodes(0, 143)
                .restartAttemptPeriod(60)) // restart.period
            .resourceRequirement(ResourceType.INFERENCEACCELERATOR, "device_1")
            .versionConsistency(VersionConsistency.DISABLED)
            .credentialSpec("credentialspecdomainless:arn:aws:s3:::bucket/spec.json")
            .repositoryCredentials("secret/registry")
            .environmentFile("arn:aws:s3:::bucket/app.env")
            .mount("shared", "/shared", true)
            .linuxParameters(l -> l
                .initProcessEnabled(true)
                .device("/dev/fuse") // linux.device
                .maxSwap(512))) // linux.maxSwap
        .container("envoy", c -> c.image("envoy:1.27").memory(128).user("1337"));
  }
}
