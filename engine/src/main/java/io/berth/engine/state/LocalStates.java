package io.berth.engine.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;

/**
 * Opening and creating a state in a local directory, saying what was found when it is not a berth
 * state: nothing there, a Git work tree (berth's states are bare), a repository with commits but no
 * {@code main}, or a {@code main} berth did not write.
 */
final class LocalStates {
  private LocalStates() {}

  static StateRepository open(Path directory, Clock clock) {
    if (!Files.isDirectory(directory)) {
      throw new StateException("no state repository at " + directory + "; run berth init (or berth apply"
          + " --desired DIR --auto-approve, which creates it), or point --state / BERTH_STATE at an existing one");
    }
    if (Files.exists(directory.resolve(".git"))) {
      throw new StateException(directory + " is a Git work tree, not a berth state repository: berth keeps its state"
          + " in a bare repository that only berth writes. Point --state (or BERTH_STATE) at one, or create one with"
          + " berth init --state <new directory> (or a Git URL)");
    }
    Repository repo;
    try {
      repo = new RepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
      if (!repo.getObjectDatabase().exists()) {
        repo.close();
        throw notARepository(directory);
      }
    } catch (RepositoryNotFoundException | IllegalArgumentException e) {
      throw notARepository(directory);
    } catch (IOException e) {
      throw new StateException("cannot open state repository " + directory + " (" + GitTrees.why(e) + "); check that it is"
          + " readable by you, or run git --git-dir " + directory + " fsck", e);
    }
    StateRepository state = new StateRepository(directory.toString(), directory, repo, clock, Optional.empty(), false);
    try {
      Optional<ObjectId> tip = state.tipId();
      if (tip.isPresent()) {
        state.checkLayout(tip.get());
      } else {
        List<String> refs = refNames(state.repository()).stream()
            .filter(r -> !r.equals(StateRepository.RUNTIME)).toList();
        if (!refs.isEmpty()) {
          throw new StateException("state repository " + directory + " holds commits (" + String.join(", ", refs)
              + ") but no main branch, so it was not written by berth; point --state (or BERTH_STATE) at a berth"
              + " state repository or create one with berth init --state <new directory>");
        }
      }
      return state;
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  static StateRepository init(Path directory, Clock clock, Attribution by) {
    if (Files.isDirectory(directory) && isNonEmpty(directory)) {
      return open(directory, clock);
    }
    checkCreatable(directory);
    try {
      Git.init().setBare(true).setInitialBranch("main").setGitDir(directory.toFile()).call().close();
    } catch (GitAPIException | RuntimeException e) {
      throw new StateException("cannot create a state repository at " + directory + " (its files could not be"
          + " written); point --state (or BERTH_STATE) at a new directory you can write, e.g. .berth/state", e);
    }
    StateRepository state = open(directory, clock).markedCreated();
    GitRefs.compareAndSwap(state.repository(), StateRepository.MAIN, Optional.empty(), state.firstCommit(by),
        "berth init");
    return state;
  }

  private static boolean isNonEmpty(Path directory) {
    try (var entries = Files.list(directory)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new StateException("cannot list the directory " + directory + " (is it readable by you?); point --state (or"
          + " BERTH_STATE) at a state repository, or at a new directory for berth init", e);
    }
  }

  /** A new state repository needs a directory to create or fill, under a directory this process may write. */
  private static void checkCreatable(Path directory) {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new StateException(directory + " is a file, not a directory: a state repository is a directory that berth"
          + " init creates; point --state (or BERTH_STATE) at a new or empty directory, e.g. .berth/state");
    }
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new StateException("cannot create a state repository at " + directory + ": " + existing + " is a file, not a"
          + " directory; point --state (or BERTH_STATE) at a path under a directory, e.g. .berth/state");
    }
    if (existing != null && !Files.isWritable(existing)) {
      throw new StateException("cannot create a state repository at " + directory + ": " + existing + " is not writable"
          + " by you; point --state (or BERTH_STATE) at a path you can write, or fix the permissions of " + existing);
    }
  }

  private static StateException notARepository(Path directory) {
    return new StateException(directory + " is not a Git repository (no HEAD, objects/ or refs/); point --state"
        + " or BERTH_STATE at a berth state repository, or run berth init --state <new directory>");
  }

  /** Every ref name of {@code repo}, for what-is-this messages. */
  private static List<String> refNames(Repository repo) {
    try {
      List<String> names = new java.util.ArrayList<>();
      repo.getRefDatabase().getRefs().forEach(r -> names.add(r.getName()));
      return names;
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "its refs", e);
    }
  }
}
