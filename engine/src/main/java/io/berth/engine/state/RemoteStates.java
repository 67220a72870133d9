package io.berth.engine.state;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;

/**
 * Opening (and creating) a state on a Git remote: its cache, a bare repository under
 * {@code <cache root>/<host-path>-<hash>/} reused between runs, is created when missing and brought
 * up to date with one fetch; then the remote is told apart as an empty repository, a repository
 * berth did not write (commits without {@code main}, or a {@code main} without berth's layout), or a
 * berth state.
 */
final class RemoteStates {
  private RemoteStates() {}

  /**
   * Opens {@code remote}; with {@code create} (berth init, the first apply) an empty repository
   * gets the first commit, pushed so that it must not exist yet there.
   */
  static StateRepository open(StateAccess access, StateLocation.Remote remote, Clock clock,
      Optional<Attribution> create) {
    Path cache = StateAccess.cacheDirectory(access.cacheRoot(), remote);
    GitRemote git = new GitRemote(remote, access, cache);
    Repository repo;
    try {
      repo = cache(cache);
    } catch (IOException | GitAPIException | RuntimeException e) {
      git.close();
      throw git.failure("create the cache " + cache + " for", e);
    }
    StateRepository state = new StateRepository(remote.url(), cache, repo, clock, Optional.of(git), false);
    try {
      GitRemote.Advertised refs = git.fetch(repo);
      if (refs.refs().isEmpty()) {
        if (create.isEmpty()) {
          throw new StateException(remote.url() + " is an empty Git repository, not a berth state yet; make it one"
              + " with berth init --state " + remote.url());
        }
        return initialise(state, create.get(), access, remote, clock);
      }
      Optional<ObjectId> tip = refs.main();
      if (tip.isEmpty()) {
        throw new StateException(remote.url() + " holds commits (" + String.join(", ", refs.refs().keySet())
            + ") but no main branch, so it was not written by berth and berth will not write into it; point --state"
            + " at a berth state, or at a new empty repository and run berth init --state <its URL>");
      }
      state.checkLayout(tip.get());
      return state;
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  private static StateRepository initialise(StateRepository state, Attribution by, StateAccess access,
      StateLocation.Remote remote, Clock clock) {
    ObjectId first = state.firstCommit(by);
    if (!state.publish(StateRepository.MAIN, Optional.empty(), first, "berth init")) {
      // someone else initialised it at the same moment: open what they made
      state.close();
      return open(access, remote, clock, Optional.empty());
    }
    return state.markedCreated();
  }

  /**
   * The cache repository at {@code cache}, created when missing: made in a temporary directory next
   * to it and renamed into place, so that two processes starting at once never see half of one.
   */
  private static Repository cache(Path cache) throws IOException, GitAPIException {
    if (!Files.isDirectory(cache.resolve("objects"))) {
      Files.createDirectories(cache.getParent());
      Path fresh = Files.createTempDirectory(cache.getParent(), ".new-");
      try {
        Git.init().setBare(true).setInitialBranch("main").setGitDir(fresh.toFile()).call().close();
        Files.move(fresh, cache, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // another process made it first: use theirs
      } finally {
        delete(fresh);
      }
    }
    return new RepositoryBuilder().setGitDir(cache.toFile()).setMustExist(true).build();
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
