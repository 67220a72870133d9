package io.berth.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on loopback in front of a {@code git daemon} that, while {@link #cutPushes} is set,
 * drops every push connection ({@code git-receive-pack}) once the client has sent its request and
 * 200 bytes more (the ref update and the start of the pack): a network that fails in the middle of
 * a push.
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final AtomicBoolean cut = new AtomicBoolean();
  private final Thread acceptor;

  /** A proxy to {@code 127.0.0.1:targetPort}. */
  public CuttingProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "cutting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The proxy's port. */
  public int port() {
    return server.getLocalPort();
  }

  /** Whether pushes are cut from now on. */
  public void cutPushes(boolean value) {
    cut.set(value);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
        boolean cutThis = cut.get();
        pipe(client, upstream, cutThis);
        pipe(upstream, client, false);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Copies {@code from} to {@code to}; a push is cut 200 bytes after its request. */
  private static void pipe(Socket from, Socket to, boolean cutPush) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[1024];
      long sent = 0;
      long request = 0;
      boolean push = false;
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (sent == 0) {
            push = new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("git-receive-pack");
            request = n;
          }
          if (cutPush && push && sent + n > request + 200) {
            out.write(buffer, 0, (int) Math.max(0, request + 200 - sent));
            out.flush();
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
          sent += n;
        }
      } catch (IOException e) {
        // the other side went away: close both
      } finally {
        close(from);
        close(to);
      }
    }, "cutting-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
