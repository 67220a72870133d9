package io.berth.dsl;

import io.berth.model.ModelPaths;
import io.berth.model.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container restart policy: restarts the container in place when it exits, e.g.
 * {@code r -> r.enabled(true).ignoredExitCodes(0).restartAttemptPeriod(60)}.
 */
public final class RestartPolicySpec {
  private final String path;
  private final CallSites sites;
  private boolean enabled = true;
  private final List<Integer> ignoredExitCodes = new ArrayList<>();
  private Optional<Integer> restartAttemptPeriod = Optional.empty();

  RestartPolicySpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** Whether restarts are on (default true once a policy is declared). */
  public RestartPolicySpec enabled(boolean enabled) {
    sites.record(ModelPaths.member(path, "enabled"));
    this.enabled = enabled;
    return this;
  }

  /** Exit codes that do not trigger a restart (at most 50). */
  public RestartPolicySpec ignoredExitCodes(int... codes) {
    sites.record(ModelPaths.member(path, "ignoredExitCodes"));
    for (int code : codes) {
      ignoredExitCodes.add(code);
    }
    return this;
  }

  /** Seconds a container must run before a restart is attempted (60-1800; ECS default 300). */
  public RestartPolicySpec restartAttemptPeriod(int seconds) {
    sites.record(ModelPaths.member(path, "restartAttemptPeriod"));
    restartAttemptPeriod = Optional.of(seconds);
    return this;
  }

  RestartPolicy build() {
    return new RestartPolicy(enabled, ignoredExitCodes, restartAttemptPeriod);
  }
}
