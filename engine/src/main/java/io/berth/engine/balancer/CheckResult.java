package io.berth.engine.balancer;

import java.time.Instant;

/**
 * The outcome of one health check of a target, or of one request that could not reach it:
 * whether it passed and what happened, in a phrase ({@code "GET /health answered 503, expected 200"},
 * {@code "connection refused"}).
 */
public record CheckResult(boolean passed, String detail, Instant at) {

  /** A passing check. */
  public static CheckResult pass(String detail, Instant at) {
    return new CheckResult(true, detail, at);
  }

  /** A failing check. */
  public static CheckResult fail(String detail, Instant at) {
    return new CheckResult(false, detail, at);
  }
}
