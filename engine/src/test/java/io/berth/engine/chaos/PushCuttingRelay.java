package io.berth.engine.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay the chaos run owns between Berth's processes and the state's {@code git daemon}: it
 * forwards every connection, and once {@link #arm armed} drops the next push ({@code
 * git-receive-pack}) in one of two places: in the middle of what the client sends (after a number of
 * bytes of its commands and pack), or after the server has taken the whole push, on the first bytes
 * of its answer (the remote's ref may have moved, the client does not know). Fetches pass untouched.
 */
final class PushCuttingRelay implements AutoCloseable {
  /** Where the next push is cut. */
  record Cut(boolean answerLost, int clientBytes) {
    String kind() {
      return answerLost ? "git push cut after the remote took it (answer lost)" : "git push cut mid-pack";
    }
  }

  private final ServerSocket listener;
  private final int target;
  private final AtomicReference<Cut> armed = new AtomicReference<>();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile Cut lastCut;

  PushCuttingRelay(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "chaos-git-relay");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The next push is cut as {@code cut} says. */
  void arm(Cut cut) {
    armed.set(cut);
  }

  /** No push is cut from now on; true when the armed cut was not used. */
  boolean disarm() {
    return armed.getAndSet(null) != null;
  }

  /** How many pushes were cut so far. */
  int cuts() {
    return cuts.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket();
        try {
          upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
        } catch (IOException e) {
          client.close();
          continue;
        }
        new Connection(client, upstream).start();
      } catch (IOException e) {
        // closed, or one connection failed: go on accepting while open
      }
    }
  }

  /** One relayed connection; knows whether it is a push and whether it is the one to cut. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private volatile Cut cut;
    /** Bytes the client sent after its request line. */
    private volatile long sentAfterRequest;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      thread(this::clientToServer);
      thread(this::serverToClient);
    }

    private void clientToServer() {
      byte[] buffer = new byte[4096];
      boolean first = true;
      try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (first) {
            first = false;
            // git://: the request names the service in the first packet
            if (new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("git-receive-pack")) {
              cut = armed.getAndSet(null);
            }
            out.write(buffer, 0, n);
            out.flush();
            continue;
          }
          Cut now = cut;
          if (now != null && !now.answerLost() && sentAfterRequest + n > now.clientBytes()) {
            out.write(buffer, 0, (int) Math.max(0, now.clientBytes() - sentAfterRequest));
            out.flush();
            cutNow(now);
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
          sentAfterRequest += n;
        }
      } catch (IOException e) {
        // one side closed
      } finally {
        closeBoth();
      }
    }

    private void serverToClient() {
      byte[] buffer = new byte[4096];
      try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          Cut now = cut;
          // the ref advertisement comes before the client sends anything past its request; what comes
          // after is the answer to the push (the remote has taken it)
          if (now != null && now.answerLost() && sentAfterRequest > 0) {
            cutNow(now);
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed
      } finally {
        closeBoth();
      }
    }

    private synchronized void cutNow(Cut now) {
      if (cut != null) {
        cut = null;
        cuts.incrementAndGet();
        lastCut = now;
      }
      closeBoth();
    }

    private void closeBoth() {
      close(client);
      close(upstream);
    }
  }

  /** The kind of the last cut made. */
  Cut lastCut() {
    return lastCut;
  }

  private static void thread(Runnable body) {
    Thread thread = new Thread(body, "chaos-git-relay-pump");
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
    listener.close();
  }
}
