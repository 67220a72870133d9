package io.berth.engine.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code berth instances revoke ID}: the container instances' credentials. */
@Command(name = "instances", mixinStandardHelpOptions = true, description = "Manage container instances.",
    subcommands = InstancesCommand.Revoke.class)
public final class InstancesCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
        "say what to do: berth instances revoke ID");
  }

  /**
   * {@code berth instances revoke ID}: the instance's credential is refused from now on (also after a
   * restart) and its tasks are replaced on the other instances, as for a lost instance.
   */
  @Command(name = "revoke", mixinStandardHelpOptions = true, description = {"Revoke a container instance's"
      + " credential: its agent is refused from now on and its tasks are replaced elsewhere.",
      "Needs an admin token with scope write. Rotate the join token too if the host itself is not to be trusted."})
  public static final class Revoke implements Callable<Integer> {
    @Mixin ServerOptions server;

    @Parameters(paramLabel = "ID", description = "The container instance id (berth ps shows them).")
    String instanceId;

    @Override
    public Integer call() throws Exception {
      return RuntimeErrors.run(() -> {
        server.client().post("/v1/instances/" + java.net.URLEncoder.encode(instanceId, java.nio.charset.StandardCharsets.UTF_8)
            + "/revoke", Map.of(), Map.class);
        System.out.println("revoked " + instanceId + ": its agent is refused from now on and its tasks are replaced"
            + " elsewhere");
        return 0;
      });
    }
  }
}
