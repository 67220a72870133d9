/**
 * Berth's DNS for service discovery: {@code DnsAnswers} (pure: a query and the discovery entries give
 * the answer) and {@code DnsServer} (UDP and TCP sockets, forwarding), both on dnsjava's messages.
 */
package io.berth.engine.dns;
