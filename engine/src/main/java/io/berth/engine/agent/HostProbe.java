package io.berth.engine.agent;

import java.time.Duration;
import java.util.Map;

/**
 * What the task thread finds out about this host by asking Docker (whether it enforces task-level
 * cpu and memory), for the sync thread to register with the instance's attributes: the sync thread
 * itself never touches Docker.
 */
interface HostProbe {
  /** Nothing to probe: no attributes. */
  HostProbe NONE = new HostProbe() {
    @Override
    public Map<String, String> attributes() {
      return Map.of();
    }

    @Override
    public void await(Duration timeout) {
      // nothing to wait for
    }
  };

  /** The attributes found so far; empty until the probe has a verdict. */
  Map<String, String> attributes();

  /** Waits until the probe has a verdict, at most {@code timeout} (a hung Docker engine must not keep the agent unregistered). */
  void await(Duration timeout) throws InterruptedException;
}
