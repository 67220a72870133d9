package io.berth.engine.cli;

import io.berth.engine.server.SecretFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth join-token rotate}: a new join token for agents that join from now on. */
@Command(name = "join-token", mixinStandardHelpOptions = true, description = "Manage the cluster's join token.",
    subcommands = JoinTokenCommand.Rotate.class)
public final class JoinTokenCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
        "say what to do: berth join-token rotate");
  }

  /**
   * {@code berth join-token rotate}: the control plane makes a new join token (and writes it to its
   * join token file); the previous one is accepted for {@code --join-token-grace}. Registered agents
   * keep their own credentials.
   */
  @Command(name = "rotate", mixinStandardHelpOptions = true, description = {"Make a new join token; the previous one"
      + " is still accepted for berth server's --join-token-grace. Registered agents are not affected.",
      "Needs an admin token with scope write."})
  public static final class Rotate implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the new token to FILE (mode 600) instead of"
        + " printing it.")
    Path out;

    @Override
    public Integer call() throws Exception {
      return RuntimeErrors.run(() -> {
        Map<?, ?> answer = server.client().post("/v1/join-token", Map.of(), Map.class);
        String token = String.valueOf(answer.get("joinToken"));
        if (out != null) {
          SecretFiles.write(out, token + "\n");
          System.out.println("new join token written to " + out + "; the previous one is accepted until "
              + answer.get("previousValidUntil"));
        } else {
          System.out.println(token);
          System.err.println("the previous join token is accepted until " + answer.get("previousValidUntil"));
        }
        return 0;
      });
    }
  }
}
