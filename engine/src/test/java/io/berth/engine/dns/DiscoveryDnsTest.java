package io.berth.engine.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.api.DiscoveryEntry.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Berth's DNS answers: the pure answers of {@link DnsAnswers}, then a {@link DnsServer} on a loopback
 * address queried by Debian's {@code dig} over UDP and TCP (dnsutils, installed by scripts/test-tools).
 */
class DiscoveryDnsTest {
  private static final DiscoveryEntry API = new DiscoveryEntry("prod", "api", "internal", "api", 1, List.of(
      new Endpoint("api-1", "127.0.0.2", Optional.of(49153)), new Endpoint("api-2", "127.0.0.3", Optional.of(8080))));

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, 1));
  }

  @Test
  void aNameAnswersEachHealthyTaskAddressAndTheSrvNameTheirPorts() throws IOException {
    Message a = DnsAnswers.answer(query("API.internal", Type.A), List.of(API)).orElseThrow();
    assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.getSection(Section.ANSWER)).extracting(r -> r.rdataToString())
        .containsExactly("127.0.0.2", "127.0.0.3");
    assertThat(a.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(1));

    Message srv = DnsAnswers.answer(query("_api._tcp.internal", Type.SRV), List.of(API)).orElseThrow();
    assertThat(srv.getSection(Section.ANSWER)).map(r -> (SRVRecord) r)
        .extracting(SRVRecord::getPort, r -> r.getTarget().toString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(49153, "127-0-0-2.api.internal."),
            org.assertj.core.groups.Tuple.tuple(8080, "127-0-0-3.api.internal."));
    assertThat(srv.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString)
        .containsExactly("127.0.0.2", "127.0.0.3");
    Message target = DnsAnswers.answer(query("127-0-0-3.api.internal", Type.A), List.of(API)).orElseThrow();
    assertThat(target.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.3");
  }

  @Test
  void unknownNamesInANamespaceAreNxdomainAndOtherNamesAreLeftToTheCaller() throws IOException {
    assertThat(DnsAnswers.answer(query("web.internal", Type.A), List.of(API)).orElseThrow().getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
    Message aaaa = DnsAnswers.answer(query("api.internal", Type.AAAA), List.of(API)).orElseThrow();
    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
    assertThat(DnsAnswers.answer(query("example.org", Type.A), List.of(API))).isEmpty();
    for (String above : List.of("internal", "_tcp.internal")) {
      Message exists = DnsAnswers.answer(query(above, Type.A), List.of(API)).orElseThrow();
      assertThat(exists.getRcode()).as(above).isEqualTo(Rcode.NOERROR);
      assertThat(exists.getSection(Section.ANSWER)).isEmpty();
    }
    // a registered name without healthy tasks: the name exists, with no address
    DiscoveryEntry none = new DiscoveryEntry("prod", "api", "internal", "api", 1, List.of());
    Message empty = DnsAnswers.answer(query("api.internal", Type.A), List.of(none)).orElseThrow();
    assertThat(empty.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(empty.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void digResolvesFromTheServerOverUdpAndTcpAndSeesATaskLeave() throws Exception {
    AtomicReference<List<DiscoveryEntry>> table = new AtomicReference<>(List.of(API));
    try (DnsServer server = DnsServer.start(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), 0),
        table::get, List.of())) {
      int port = server.address().getPort();
      assertThat(dig(port, "api.internal", "A")).containsExactly("127.0.0.2", "127.0.0.3");
      assertThat(dig(port, "_api._tcp.internal", "SRV", "+tcp"))
          .containsExactly("0 1 49153 127-0-0-2.api.internal.", "0 1 8080 127-0-0-3.api.internal.");

      table.set(List.of(new DiscoveryEntry("prod", "api", "internal", "api", 1, List.of(API.endpoints().get(1)))));
      assertThat(dig(port, "api.internal", "A")).containsExactly("127.0.0.3");

      assertThat(digStatus(port, "web.internal")).isEqualTo("NXDOMAIN");
      assertThat(digStatus(port, "example.org")).as("no upstream: other names are refused").isEqualTo("REFUSED");
    }
  }

  @Test
  void namesOutsideBerthsNamespacesGoToTheUpstreamResolver() throws Exception {
    // the upstream is another server on loopback, answering its own namespace
    DiscoveryEntry outside = new DiscoveryEntry("x", "db", "corp", "db", 7, List.of(
        new Endpoint("db-1", "127.0.0.9", Optional.empty())));
    try (DnsServer upstream = DnsServer.start(new InetSocketAddress(InetAddress.getByName("127.0.0.6"), 0),
        () -> List.of(outside), List.of());
        DnsServer server = DnsServer.start(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), 0),
            () -> List.of(API), List.of(upstream.address()))) {
      int port = server.address().getPort();
      assertThat(dig(port, "db.corp", "A")).containsExactly("127.0.0.9");
      assertThat(dig(port, "api.internal", "A")).containsExactly("127.0.0.2", "127.0.0.3");
      assertThat(digStatus(port, "web.corp")).as("the upstream's own NXDOMAIN").isEqualTo("NXDOMAIN");
    }
  }

  private static List<String> dig(int port, String name, String type, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.5", "-p", Integer.toString(port), name, type,
        "+short", "+time=2", "+tries=1"));
    command.addAll(List.of(options));
    return run(command).lines().sorted().toList();
  }

  private static String digStatus(int port, String name) throws Exception {
    String out = run(List.of("dig", "@127.0.0.5", "-p", Integer.toString(port), name, "A", "+time=2", "+tries=1"));
    return out.lines().filter(l -> l.contains("status:")).findFirst().orElseThrow()
        .replaceAll(".*status: ([A-Z]+).*", "$1");
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("dig finished").isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
