package io.berth.engine.state;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * What {@link Attribution} reads with JGit: the user's Git identity from their own configuration
 * files (state repositories ignore those, see {@link IsolatedGitConfig}, but an author is the
 * user's), and the commit an application's work tree has checked out.
 */
final class GitIdentity {
  private GitIdentity() {}

  /**
   * The commit checked out in the Git work tree that holds {@code directory} (the desired state's
   * directory, usually the application's {@code target/classes}); empty outside a work tree.
   */
  static Optional<String> headCommit(Path directory) {
    try {
      RepositoryBuilder builder = new RepositoryBuilder().findGitDir(directory.toAbsolutePath().toFile());
      if (builder.getGitDir() == null) {
        return Optional.empty();
      }
      try (Repository repo = builder.setMustExist(true).build()) {
        return Optional.ofNullable(repo.resolve("HEAD^{commit}")).map(ObjectId::name);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable work tree does not stop an apply: the trailer is left out
    }
  }

  static Optional<String> userConfig(Map<String, String> env, String key) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    String xdg = env.getOrDefault("XDG_CONFIG_HOME", home + "/.config");
    Optional<String> value = Optional.empty();
    // ~/.gitconfig is read last: Git lets it override the XDG file
    for (String file : List.of(xdg + "/git/config", home + "/.gitconfig")) {
      if (Files.isRegularFile(Path.of(file))) {
        FileBasedConfig config = new FileBasedConfig(null, new File(file), FS.DETECTED);
        try {
          config.load();
          String found = config.getString("user", null, key);
          if (found != null && !found.isBlank()) {
            value = Optional.of(found.strip());
          }
        } catch (IOException | ConfigInvalidException e) {
          // an unreadable file gives no identity; the next source is used
        }
      }
    }
    return value;
  }
}
