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
import java.util.function.Supplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;

/**
 * Serves Berth's DNS on UDP and TCP at one address and port: names in Berth's namespaces from
 * {@link DnsAnswers}, other names forwarded to the upstream resolvers or refused (REFUSED) when there
 * are none. One thread per socket; a query is answered on the thread that read it (answers come from
 * memory, forwarding waits at most {@link #FORWARD_TIMEOUT}).
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
        Optional<byte[]> out = respond(in, UDP_LIMIT);
        if (out.isPresent()) {
          udp.send(new DatagramPacket(out.get(), out.get().length, packet.getSocketAddress()));
        }
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.DEBUG, "DNS over UDP: " + e.getMessage());
        }
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try (Socket client = tcp.accept()) {
        client.setSoTimeout(2000);
        DataInputStream in = new DataInputStream(client.getInputStream());
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        Optional<byte[]> answer = respond(query, 65535);
        if (answer.isPresent()) {
          out.writeShort(answer.get().length);
          out.write(answer.get());
          out.flush();
        }
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.DEBUG, "DNS over TCP: " + e.getMessage());
        }
      }
    }
  }

  /** The wire answer to the wire query {@code in}, truncated to {@code limit}; empty for an unreadable query. */
  private Optional<byte[]> respond(byte[] in, int limit) {
    Message query;
    try {
      query = new Message(in);
    } catch (IOException e) {
      return Optional.empty(); // not a DNS message: nothing to answer to
    }
    Message response;
    try {
      response = DnsAnswers.answer(query, entries.get()).orElseGet(() -> forward(query));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "DNS: cannot read the discovery names: " + e.getMessage());
      response = DnsAnswers.error(query, Rcode.SERVFAIL);
    }
    return Optional.of(response.toWire(limit));
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
