package io.berth.engine.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Berth's load balancer for one listener: a TCP proxy on 127.0.0.1:listenerPort that hands each
 * connection to the next healthy target (round robin). Works for HTTP because it forwards bytes.
 */
final class LoadBalancerProxy implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicReference<List<InetSocketAddress>> targets = new AtomicReference<>(List.of());
  private final AtomicInteger next = new AtomicInteger();
  private final ExecutorService pipes = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "berth-lb");
    thread.setDaemon(true);
    return thread;
  });

  LoadBalancerProxy(int listenerPort) throws IOException {
    socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenerPort));
    pipes.submit(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  void targets(List<InetSocketAddress> healthy) {
    targets.set(List.copyOf(healthy));
  }

  List<InetSocketAddress> targets() {
    return targets.get();
  }

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
    List<InetSocketAddress> current = targets.get();
    if (current.isEmpty()) {
      closeQuietly(client);
      return;
    }
    InetSocketAddress target = current.get(Math.floorMod(next.getAndIncrement(), current.size()));
    try {
      Socket upstream = new Socket();
      upstream.connect(target, 2000);
      pipes.submit(() -> pipe(client, upstream, false));
      pipe(upstream, client, true);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /** Copies one direction; the request side only half-closes so the response can still flow back. */
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
      // The other side went away; the response direction closes both sockets below.
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
      // Nothing left to do with a socket that will not close.
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort at shutdown.
    }
    pipes.shutdownNow();
  }
}
