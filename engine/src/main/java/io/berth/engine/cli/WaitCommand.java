package io.berth.engine.cli;

import io.berth.engine.local.DeploymentProgress;
import io.berth.engine.local.UpFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import io.berth.engine.state.StateException;
import io.berth.engine.state.StateRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth wait}: follows the deployments of the state repository's latest apply until steady
 * state, the same progress {@code berth apply --wait} shows (for scripts that apply separately).
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait until the control plane runs the latest apply and every service is steady; exit 1 if a deployment failed.")
public final class WaitCommand implements Callable<Integer> {
  @Mixin WaitOptions wait;

  @Option(names = "--state", paramLabel = "REPO", description = "State repository, a directory or a Git URL (default:"
      + " the local cluster's, else BERTH_STATE or .berth/state).")
  String state;

  @Option(names = "--state-cache", paramLabel = "DIR", description = "Where a remote state is cached (default:"
      + " BERTH_STATE_CACHE, else .berth/cache).")
  Path cache;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() throws Exception {
    Path work = Path.of("").toAbsolutePath();
    StateOption option = new StateOption();
    option.state = state != null ? state : UpFile.read(work).map(UpFile::state).orElse(null);
    option.cache = cache;
    String commit;
    try (StateRepository repo = StateRepository.open(option.access())) {
      commit = repo.tip().orElseThrow(() -> new IllegalArgumentException("state repository " + repo.where()
          + " has nothing applied yet; run berth apply first"));
    } catch (StateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    wait.wait = true;
    return wait.afterApply(commit);
  }
}
