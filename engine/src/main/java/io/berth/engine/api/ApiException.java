package io.berth.engine.api;

/**
 * The control plane answered with an error status, or could not be reached (status 0). Carries the
 * server's {@link ApiError} so callers can show its fix.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ApiError error;

  /** An error answer with its HTTP status. */
  public ApiException(int status, ApiError error) {
    super(status + " " + error.error() + (error.fix().isEmpty() ? "" : " (fix: " + error.fix() + ")"));
    this.status = status;
    this.error = error;
  }

  /** A transport failure: the server did not answer. */
  public ApiException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.error = new ApiError(message, "start the control plane (berth up / berth server) or check its URL");
  }

  /** A transport failure with its own fix (a server whose certificate is not trusted, say). */
  public ApiException(String message, String fix, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.error = new ApiError(message, fix);
  }

  /** HTTP status, or 0 when the server could not be reached. */
  public int status() {
    return status;
  }

  /** The server's error body. */
  public ApiError error() {
    return error;
  }
}
