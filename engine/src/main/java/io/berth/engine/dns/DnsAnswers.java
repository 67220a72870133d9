package io.berth.engine.dns;

import io.berth.engine.api.DiscoveryEntry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Berth's answer to one DNS query from the discovery entries (dnsjava builds and parses the messages).
 * Pure: the same query and entries give the same answer.
 *
 * <ul>
 *   <li>{@code name.namespace} A: the address of each endpoint (one record per address);
 *   <li>{@code _name._tcp.namespace} SRV: priority 0, weight 1, the endpoint's port, target
 *       {@code a-b-c-d.name.namespace}, whose A record goes in the additional section;
 *   <li>{@code a-b-c-d.name.namespace} A: that address while it is an endpoint;
 *   <li>any other name in a namespace some entry uses: NXDOMAIN; another type of a known name, or a
 *       name above one ({@code internal}, {@code _tcp.internal}): no records (NOERROR);
 *   <li>a name outside every namespace: {@link Optional#empty()}, for the caller to forward or refuse.
 * </ul>
 */
public final class DnsAnswers {
  private DnsAnswers() {}

  /** The answer to {@code query}, or empty when its name is outside Berth's namespaces. */
  public static Optional<Message> answer(Message query, List<DiscoveryEntry> entries) {
    Record question = query.getQuestion();
    if (question == null) {
      return Optional.of(error(query, Rcode.FORMERR));
    }
    String name = question.getName().toString(true).toLowerCase(Locale.ROOT);
    if (entries.stream().noneMatch(e -> inNamespace(name, e.namespace()))) {
      return Optional.empty();
    }
    Message response = reply(query, Rcode.NOERROR);
    boolean known = false;
    for (DiscoveryEntry entry : entries) {
      String a = entry.dnsName();
      String srv = "_" + entry.name().toLowerCase(Locale.ROOT) + "._tcp." + entry.namespace().toLowerCase(Locale.ROOT);
      if (name.equals(a)) {
        known = true;
        if (wants(question, Type.A)) {
          addresses(entry).forEach(address -> response.addRecord(a(question.getName(), address, entry), Section.ANSWER));
        }
      } else if (name.equals(srv)) {
        known = true;
        if (wants(question, Type.SRV)) {
          Set<String> targets = new LinkedHashSet<>();
          for (DiscoveryEntry.Endpoint endpoint : entry.endpoints()) {
            if (endpoint.port().isPresent() && addressOf(endpoint.address()) != null) {
              Name target = target(endpoint.address(), a);
              response.addRecord(new SRVRecord(question.getName(), DClass.IN, entry.ttlSeconds(), 0, 1,
                  endpoint.port().get(), target), Section.ANSWER);
              if (targets.add(endpoint.address())) {
                response.addRecord(a(target, endpoint.address(), entry), Section.ADDITIONAL);
              }
            }
          }
        }
      } else if (name.endsWith("." + a)) {
        String label = name.substring(0, name.length() - a.length() - 1);
        for (String address : addresses(entry)) {
          if (label.equals(address.replace('.', '-'))) {
            known = true;
            if (wants(question, Type.A)) {
              response.addRecord(a(question.getName(), address, entry), Section.ANSWER);
            }
          }
        }
      }
    }
    // a name above a registered one (internal, _tcp.internal) exists without records: NOERROR, so a
    // resolver walking down the labels does not stop there
    boolean above = entries.stream().anyMatch(e -> e.dnsName().endsWith("." + name)
        || ("_" + e.name() + "._tcp." + e.namespace()).toLowerCase(Locale.ROOT).endsWith("." + name));
    if (!known && !above) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    return Optional.of(response);
  }

  /** A reply to {@code query} with {@code rcode} and nothing else (REFUSED, SERVFAIL). */
  public static Message error(Message query, int rcode) {
    return reply(query, rcode);
  }

  private static Message reply(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
      response.getHeader().setFlag(Flags.RA);
    }
    response.getHeader().setOpcode(query.getHeader().getOpcode());
    response.getHeader().setRcode(rcode);
    if (query.getQuestion() != null) {
      response.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return response;
  }

  private static boolean inNamespace(String name, String namespace) {
    String ns = namespace.toLowerCase(Locale.ROOT);
    return name.equals(ns) || name.endsWith("." + ns);
  }

  private static boolean wants(Record question, int type) {
    return question.getType() == type || question.getType() == Type.ANY;
  }

  private static Set<String> addresses(DiscoveryEntry entry) {
    Set<String> addresses = new LinkedHashSet<>();
    entry.endpoints().stream().map(DiscoveryEntry.Endpoint::address).filter(a -> addressOf(a) != null)
        .forEach(addresses::add);
    return addresses;
  }

  private static ARecord a(Name name, String address, DiscoveryEntry entry) {
    return new ARecord(name, DClass.IN, entry.ttlSeconds(), addressOf(address));
  }

  private static Name target(String address, String aName) {
    try {
      return Name.fromString(address.replace('.', '-') + "." + aName + ".");
    } catch (TextParseException e) {
      throw new IllegalStateException("not a DNS name: " + aName, e);
    }
  }

  /** The IPv4 address written as {@code address}, or null when it is none (an A record takes IPv4 only). */
  private static InetAddress addressOf(String address) {
    if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(address); // a literal: no lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
