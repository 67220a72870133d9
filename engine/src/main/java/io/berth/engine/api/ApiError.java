package io.berth.engine.api;

/** Body of every 4xx/5xx answer: what went wrong and how to fix it. */
public record ApiError(String error, String fix) {

  /** Normalises omitted members. */
  public ApiError {
    error = error == null ? "" : error;
    fix = fix == null ? "" : fix;
  }
}
