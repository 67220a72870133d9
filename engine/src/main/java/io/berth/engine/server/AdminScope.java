package io.berth.engine.server;

/** What an admin token may do: {@code read} the views (ps, services, events, logs), or also {@code write} (apply, revoke, rotate, shut down). */
public enum AdminScope {
  READ, WRITE;

  /** The scope as written in the admin tokens file: {@code read} or {@code write}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
