package io.berth.engine.balancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP listener, for target groups of protocol TCP: each connection goes to a target of the pool
 * (one that refuses it is skipped, and counts against it), and bytes are copied both ways until
 * either side closes. A connection is in flight for draining from accept to close; its duration is
 * what its "latency" counts.
 */
final class TcpListener implements AutoCloseable {
  private final ServerSocket socket;
  private final TargetPool pool;
  private final ExecutorService pipes = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "berth-lb-tcp");
    thread.setDaemon(true);
    return thread;
  });

  private TcpListener(ServerSocket socket, TargetPool pool) {
    this.socket = socket;
    this.pool = pool;
  }

  /** Listens on {@code host:port} for {@code pool}; the listener, or why not. */
  static Listening open(String host, TargetPool pool) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      try {
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), pool.port));
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      TcpListener listener = new TcpListener(socket, pool);
      listener.pipes.submit(listener::acceptLoop);
      return new Listening(Optional.of(listener), Optional.empty());
    } catch (IOException e) {
      return new Listening(Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
    }
  }

  /** A listener that listens, or the reason it does not. */
  record Listening(Optional<TcpListener> listener, Optional<String> problem) {}

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        pipes.submit(() -> forward(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void forward(Socket client) {
    long started = System.nanoTime();
    Set<Target> tried = new HashSet<>();
    while (tried.size() < TargetPool.MAX_ATTEMPTS) {
      Optional<Target> target = pool.acquire(tried);
      if (target.isEmpty()) {
        break;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(target.get().address, (int) HttpListeners.CONNECT_TIMEOUT.toMillis());
      } catch (IOException e) {
        pool.release(target.get());
        pool.unreachable(target.get(), String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT));
        tried.add(target.get());
        closeQuietly(upstream);
        continue;
      }
      try {
        pipes.submit(() -> pipe(client, upstream, false));
        pipe(upstream, client, true);
      } finally {
        pool.answered(target.get(), 0, System.nanoTime() - started);
        pool.release(target.get());
      }
      return;
    }
    pool.failed();
    closeQuietly(client);
  }

  /** Copies one direction; the request side only half-closes so the answer can still flow back. */
  private static void pipe(Socket from, Socket to, boolean last) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      out.flush();
      if (!last) {
        to.shutdownOutput();
      }
    } catch (IOException e) {
      // one side went away; the answering direction closes both sockets below
    } finally {
      if (last) {
        closeQuietly(from);
        closeQuietly(to);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do with a socket that will not close
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort
    }
    pipes.shutdownNow();
  }
}
