package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.agent.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code berth agent}'s options and how they become an agent configuration. */
class AgentCommandTest {
  static final Path TOKEN;

  static {
    try {
      TOKEN = java.nio.file.Files.createTempFile("berth-join-token", "");
      java.nio.file.Files.writeString(TOKEN, "t\n");
      TOKEN.toFile().deleteOnExit();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theJoinTokenComesFromTheFileAndTheCaFromItsOption() {
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs("--server", "https://127.0.0.1:7070", "--token-file", TOKEN.toString(),
        "--ca", "/tmp/ca.pem", "--data-dir", "/tmp/agent-no-credential");

    AgentConfig config = command.config();

    assertThat(config.token()).isEqualTo("t");
    assertThat(config.ca()).hasValue(Path.of("/tmp/ca.pem"));
    assertThat(config.toString()).doesNotContain("t\"").doesNotContain(", t,");
  }

  @Test
  void aTokenOnTheCommandLineIsNoOption() {
    StringWriter err = new StringWriter();
    CommandLine cli = BerthCli.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("agent", "--server", "http://127.0.0.1:7070", "--token", "t");

    assertThat(exit).as("a usage error").isEqualTo(1);
    assertThat(err.toString()).contains("--token");
  }

  @Test
  void optionsBecomeTheAgentConfiguration() {
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs("--server", "http://127.0.0.1:7070", "--token-file", TOKEN.toString(), "--cluster", "shop",
        "--zone", "zone-b", "--attribute", "disk=ssd", "--attribute", "team=web", "--cpu", "2048",
        "--memory", "4096", "--data-dir", "/tmp/agent-b");

    AgentConfig config = command.config();

    assertThat(config.server()).isEqualTo(URI.create("http://127.0.0.1:7070"));
    assertThat(config.cluster()).isEqualTo("shop");
    assertThat(config.zone()).isEqualTo("zone-b");
    assertThat(config.attributes()).containsEntry("disk", "ssd").containsEntry("team", "web");
    assertThat(config.cpu()).hasValue(2048);
    assertThat(config.memory()).hasValue(4096);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/agent-b"));
  }

  @Test
  void defaultsDetectResourcesAndUseTheDefaultCluster() {
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs("--server", "http://127.0.0.1:7070", "--token-file", TOKEN.toString());

    AgentConfig config = command.config();

    assertThat(config.cluster()).isEqualTo("default");
    assertThat(config.zone()).isEqualTo("local");
    assertThat(config.cpu()).isEmpty();
    assertThat(config.memory()).isEmpty();
    assertThat(config.dataDir()).isEqualTo(Path.of(".berth/agent"));
  }

  @Test
  void advertiseGivesTheAddressPortsArePublishedOnAndMustBeAnIpAddress() {
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs("--server", "http://127.0.0.1:7070", "--token-file", TOKEN.toString(), "--advertise", "127.0.0.3");
    assertThat(command.config().advertise()).hasValue("127.0.0.3");

    AgentCommand byName = new AgentCommand();
    new CommandLine(byName).parseArgs("--server", "http://127.0.0.1:7070", "--token-file", TOKEN.toString(), "--advertise", "web-1");
    assertThatThrownBy(byName::config).hasMessageContaining("--advertise 'web-1' is not an IP address");
  }

  @Test
  void anAdvertisedAddressThisHostDoesNotHaveIsAnErrorBeforeAnythingStarts() {
    StringWriter err = new StringWriter();
    CommandLine cli = BerthCli.commandLine();
    cli.setErr(new PrintWriter(err));
    java.io.PrintStream before = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true));
    int exit;
    try {
      // 192.0.2.0/24 is TEST-NET-1: never an address of this host, and nothing is sent to it
      exit = cli.execute("agent", "--server", "http://127.0.0.1:1", "--token-file", TOKEN.toString(), "--advertise", "192.0.2.7",
          "--data-dir", System.getProperty("java.io.tmpdir") + "/berth-agent-advertise-test");
    } finally {
      System.setErr(before);
    }

    assertThat(exit).isEqualTo(1);
    assertThat(captured.toString()).contains("--advertise 192.0.2.7 is not an address of this host");
  }

  @Test
  void dnsOptionsThatCannotWorkAreErrorsBeforeTheAgentStarts() throws Exception {
    String dataDir = System.getProperty("java.io.tmpdir") + "/berth-agent-dns-test";
    assertThat(agentError("--dns", "--advertise", "127.0.0.7", "--dns-upstream", "resolver.example", "--data-dir", dataDir))
        .contains("--dns-upstream 'resolver.example' is not an IP address");
    try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.7"))) {
      String port = Integer.toString(taken.getLocalPort());
      assertThat(agentError("--dns", "--advertise", "127.0.0.7", "--dns-port", port, "--dns-upstream", "none",
          "--data-dir", dataDir)).contains("cannot serve DNS on 127.0.0.7:" + port).contains("or leave out --dns");
    }
  }

  /** What {@code berth agent ARGS} against a control plane that is not there prints on stderr; it must exit 1. */
  private static String agentError(String... args) {
    java.io.PrintStream before = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true));
    int exit;
    try {
      List<String> line = new java.util.ArrayList<>(List.of("agent", "--server", "http://127.0.0.1:1", "--token-file", TOKEN.toString()));
      line.addAll(List.of(args));
      exit = BerthCli.commandLine().execute(line.toArray(String[]::new));
    } finally {
      System.setErr(before);
    }
    assertThat(exit).as(captured.toString()).isEqualTo(1);
    return captured.toString();
  }

  @Test
  void missingServerIsAUsageErrorNamingTheOption() {
    StringWriter err = new StringWriter();
    CommandLine cli = BerthCli.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("agent", "--token-file", TOKEN.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("--server");
  }
}
