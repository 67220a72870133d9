package io.berth.engine.dns;

import io.berth.engine.api.DiscoveryEntry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;

/**
 * Serves Berth's DNS on UDP and TCP at one address and port: names in Berth's namespaces from
 * {@link DnsAnswers}, other names forwarded to the upstream resolvers or refused (REFUSED) when there
 * are none. A UDP query for a Berth name is answered on the socket's thread (from memory); a forwarded
 * one, which may wait {@link #FORWARD_TIMEOUT} per upstream, and each TCP connection go to a small pool,
 * so a slow upstream or client never holds up the others.
 */
public final class DnsServer implements AutoCloseable {
  /** How long a forwarded query may wait for the upstream resolver. */
  static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(2);
  private static final System.Logger LOG = System.getLogger(DnsServer.class.getName());
  private static final int UDP_LIMIT = 512;

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Supplier<List<DiscoveryEntry>> entries;
  private final List<InetSocketAddress> upstreams;
  private final List<Thread> threads = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
    Thread thread = new Thread(r, "berth-dns-worker");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closed;

  private DnsServer(DatagramSocket udp, ServerSocket tcp, Supplier<List<DiscoveryEntry>> entries,
      List<InetSocketAddress> upstreams) {
    this.udp = udp;
    this.tcp = tcp;
    this.entries = entries;
    this.upstreams = List.copyOf(upstreams);
  }

  /**
   * Binds UDP and TCP at {@code address} and starts answering; fails with an IOException naming the
   * address when either cannot be bound (port 53 needs root or CAP_NET_BIND_SERVICE).
   */
  public static DnsServer start(InetSocketAddress address, Supplier<List<DiscoveryEntry>> entries,
      List<InetSocketAddress> upstreams) throws IOException {
    // Port 0 (tests): the port UDP was given may be taken for TCP; try a few.
    int attempts = address.getPort() == 0 ? 20 : 1;
    IOException failure = null;
    for (int i = 0; i < attempts; i++) {
      DatagramSocket udp = null;
      try {
        udp = new DatagramSocket(address);
        ServerSocket tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        try {
          tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort()), 64);
        } catch (IOException e) {
          tcp.close();
          throw e;
        }
        DnsServer server = new DnsServer(udp, tcp, entries, upstreams);
        server.spawn("berth-dns-udp", server::serveUdp);
        server.spawn("berth-dns-tcp", server::serveTcp);
        return server;
      } catch (IOException e) {
        if (udp != null) {
          udp.close();
        }
        failure = e;
      }
    }
    throw new IOException("cannot serve DNS on " + address.getAddress().getHostAddress() + ":" + address.getPort()
        + ": " + failure.getMessage(), failure);
  }

  /** The address and port answered on (the port Docker's --dns expects is 53). */
  public InetSocketAddress address() {
    return (InetSocketAddress) udp.getLocalSocketAddress();
  }

  private void spawn(String name, Runnable body) {
    Thread thread = new Thread(body, name + "-" + address().getAddress().getHostAddress());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        byte[] in = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        java.net.SocketAddress client = packet.getSocketAddress();
        Optional<Message> query = parse(in);
        if (query.isEmpty()) {
          continue; // not a DNS message: nothing to answer to
        }
        Optional<Message> local = answer(query.get());
        if (local.isPresent()) {
          reply(local.get(), client);
        } else {
          pool.execute(() -> reply(forward(query.get()), client));
        }
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.DEBUG, "DNS over UDP: " + e.getMessage());
        }
      }
    }
  }

  private void reply(Message response, java.net.SocketAddress client) {
    byte[] out = response.toWire(UDP_LIMIT);
    try {
      udp.send(new DatagramPacket(out, out.length, client));
    } catch (IOException e) {
      if (!closed) {
        LOG.log(System.Logger.Level.DEBUG, "DNS over UDP: cannot answer " + client + ": " + e.getMessage());
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket client = tcp.accept();
        pool.execute(() -> serveTcp(client));
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.DEBUG, "DNS over TCP: " + e.getMessage());
        }
      }
    }
  }

  private void serveTcp(Socket connection) {
    try (Socket client = connection) {
      client.setSoTimeout(2000);
      DataInputStream in = new DataInputStream(client.getInputStream());
      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      byte[] bytes = new byte[in.readUnsignedShort()];
      in.readFully(bytes);
      Optional<Message> query = parse(bytes);
      if (query.isPresent()) {
        byte[] answer = answer(query.get()).orElseGet(() -> forward(query.get())).toWire(65535);
        out.writeShort(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        LOG.log(System.Logger.Level.DEBUG, "DNS over TCP: " + e.getMessage());
      }
    }
  }

  private static Optional<Message> parse(byte[] in) {
    try {
      return Optional.of(new Message(in));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Berth's answer, SERVFAIL when the names cannot be read, or empty for a name to forward. */
  private Optional<Message> answer(Message query) {
    try {
      return DnsAnswers.answer(query, entries.get());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "DNS: cannot read the discovery names: " + e.getMessage());
      return Optional.of(DnsAnswers.error(query, Rcode.SERVFAIL));
    }
  }

  private Message forward(Message query) {
    if (upstreams.isEmpty()) {
      return DnsAnswers.error(query, Rcode.REFUSED);
    }
    for (InetSocketAddress upstream : upstreams) {
      try {
        SimpleResolver resolver = new SimpleResolver(upstream);
        resolver.setTimeout(FORWARD_TIMEOUT);
        Message answer = resolver.send(query);
        answer.getHeader().setID(query.getHeader().getID());
        return answer;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "DNS: upstream " + upstream + " did not answer: " + e.getMessage());
      }
    }
    return DnsAnswers.error(query, Rcode.SERVFAIL);
  }

  @Override
  public void close() {
    closed = true;
    pool.shutdownNow();
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing: nothing to do
    }
    for (Thread thread : threads) {
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
