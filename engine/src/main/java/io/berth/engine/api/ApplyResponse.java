package io.berth.engine.api;

/**
 * Answer of {@code POST /v1/apply}: what the apply wrote to stdout and stderr and its exit code,
 * exactly as a local {@code berth apply --desired} would have printed and returned them.
 *
 * @param exitCode 0 when applied (or nothing to apply), 1 for every error
 * @param out the plan text and the "Applied ..." line
 * @param err the {@code error: ...} lines
 * @param declared the state repository's declared commit after the apply ("" when there is none), for {@code --wait}
 */
public record ApplyResponse(int exitCode, String out, String err, String declared) {

  /** Normalises omitted members. */
  public ApplyResponse {
    out = out == null ? "" : out;
    err = err == null ? "" : err;
    declared = declared == null ? "" : declared;
  }
}
