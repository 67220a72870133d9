package io.berth.engine.cli;

import io.berth.engine.api.ApiError;
import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.ApplyWire;
import io.berth.engine.local.UpFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code berth apply --desired DIR --auto-approve} sent to the control plane of a running
 * {@code berth up}, which plans and commits in its warm JVM ({@code POST /v1/apply}) what this cold
 * one would have: same text, same commit, same exit code, in a fraction of the CPU time. It is only
 * sent when the cluster's process is alive and its state repository is the one this apply writes;
 * anything that shows the request was not received leaves the apply to the local path.
 *
 * <p>The client is kept light on purpose: {@code .berth/up.json} and the answer are read with
 * Jackson's streaming parser and the exchange is one {@link HttpURLConnection} request, so the
 * model, the object mapper, JGit and {@code java.net.http} are never loaded on this path.
 */
final class PlaneApply {
  private PlaneApply() {}

  /** What came of trying the control plane. */
  sealed interface Answer permits Answered, NotSent, Failed {}

  /** The control plane ran the apply; print its output and return its exit code. */
  record Answered(ApplyResponse response) implements Answer {}

  /** The apply did not reach a control plane that serves it, so the local path is safe; {@code why} is for BERTH_DEBUG. */
  record NotSent(String why) implements Answer {}

  /**
   * The control plane refused or failed the request, or the connection broke after it was sent: it
   * may have committed, so the apply must not be repeated locally; {@code message} names the fix.
   */
  record Failed(String message) implements Answer {}

  /** Sends {@code request} to the berth up whose {@code .berth/up.json} is in {@code workDirectory}, if it writes {@code state}. */
  static Answer send(Path workDirectory, Path state, ApplyRequest request) {
    Path file = UpFile.path(workDirectory);
    Optional<UpFile> found;
    try {
      found = UpFile.read(workDirectory);
    } catch (UncheckedIOException e) {
      return new NotSent(e.getMessage());
    }
    if (found.isEmpty()) {
      return new NotSent("no " + file);
    }
    UpFile up = found.get();
    if (!up.alive()) {
      return new NotSent("berth up (pid " + up.pid() + " in " + file + ") is not running");
    }
    if (up.state() == null || !sameFile(Path.of(up.state()), state)) {
      return new NotSent("berth up uses state repository " + up.state() + ", this apply writes " + state);
    }
    return post(up, file, request);
  }

  private static Answer post(UpFile up, Path file, ApplyRequest request) {
    HttpURLConnection http;
    try {
      http = (HttpURLConnection) new URL(up.url() + "/v1/apply").openConnection(Proxy.NO_PROXY);
      http.setRequestMethod("POST");
      http.setConnectTimeout(2_000);
      http.setReadTimeout(600_000); // a plan of thousands of services takes a while; a hung server must not hang us forever
      http.setRequestProperty("Authorization", "Bearer " + up.adminToken());
      http.setRequestProperty("Content-Type", "application/json");
      http.setDoOutput(true);
      byte[] body = ApplyWire.write(request);
      http.setFixedLengthStreamingMode(body.length);
      http.connect();
      try (OutputStream out = http.getOutputStream()) {
        out.write(body);
      }
    } catch (ConnectException | SocketTimeoutException e) {
      return new NotSent("cannot connect to " + up.url() + ": " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      return new NotSent("cannot send to " + up.url() + ": " + e.getMessage());
    }
    try {
      int status = http.getResponseCode();
      if (status == HttpURLConnection.HTTP_NOT_FOUND) {
        return new NotSent(up.url() + " serves no POST /v1/apply (a berth up older than this berth)");
      }
      if (status == HttpURLConnection.HTTP_UNAUTHORIZED) {
        return new Failed("the control plane at " + up.url() + " refused the admin token in " + file + " (401): the"
            + " file belongs to another cluster; stop the running one with berth down and start it again with berth up");
      }
      if (status != HttpURLConnection.HTTP_OK) {
        ApiError error;
        try (InputStream in = http.getErrorStream()) {
          error = in == null ? new ApiError("no details", "") : ApplyWire.readError(in);
        }
        return new Failed("the control plane at " + up.url() + " answered " + status + " to the apply: " + error.error()
            + (error.fix().isEmpty() ? "" : "; " + error.fix()));
      }
      try (InputStream in = http.getInputStream()) {
        return new Answered(ApplyWire.readResponse(in));
      }
    } catch (IOException | IllegalArgumentException e) {
      return new Failed("the connection to the control plane at " + up.url() + " broke during the apply (" + e
          + "); it may have applied: look with berth history, then apply again");
    } finally {
      http.disconnect();
    }
  }

  /** Whether two paths name the same file or directory; false when either does not exist. */
  static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // one of them does not exist: not the same
    }
  }
}
