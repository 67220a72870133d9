package io.berth.engine.server;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.state.StateAccess;

/**
 * {@code berth apply --desired DIR --auto-approve} run inside the control plane's process, served
 * as {@code POST /v1/apply}: {@code berth up} hands {@link ServedApply} in, the command line's own
 * apply, so that the server plans and commits exactly as the CLI would, in a JVM that is already
 * warm. A control plane started without one answers 404 and the CLI applies locally. {@code berth
 * server} gives one too, for a local or a remote state.
 */
@FunctionalInterface
public interface DesiredApplier {
  /** Plans {@code request} against the state {@code state} names and commits it; never throws. */
  ApplyResponse apply(ApplyRequest request, StateAccess state);
}
