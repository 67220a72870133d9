package io.berth.engine.state;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's view of the machine for state repositories: no system or user (~/.gitconfig) git
 * configuration, only the repository's own {@code config} file plus Berth's fixed defaults. JGit's
 * own file (~/.config/jgit/config) stays: it caches the measured timestamp resolution of each file
 * system, which takes seconds to measure again.
 *
 * <p>Why: a state repository is written only by Berth, so a user's {@code ~/.gitconfig} (hooks,
 * {@code core.autocrlf}, a {@code gpgsign} default, an {@code include} of an unreachable file)
 * should change neither its content nor whether an apply works.
 */
final class IsolatedGitConfig extends SystemReader.Delegate {
  private static volatile boolean installed;

  private IsolatedGitConfig(SystemReader delegate) {
    super(delegate);
  }

  /**
   * Installs the isolated view JVM-wide once (JGit reads it through a static instance); every
   * JGit use in Berth is a state repository, so nothing else is affected.
   */
  static synchronized void install() {
    if (!installed) {
      SystemReader.setInstance(new IsolatedGitConfig(SystemReader.getInstance()));
      installed = true;
    }
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return empty(parent, fs);
  }

  @Override
  public FileBasedConfig openUserConfig(Config parent, FS fs) {
    return empty(parent, fs);
  }

  /** A configuration backed by no file: loading it reads nothing, and it never becomes outdated. */
  private static FileBasedConfig empty(Config parent, FS fs) {
    return new FileBasedConfig(parent, null, fs) {
      @Override
      public void load() {
        // nothing to read
      }

      @Override
      public boolean isOutdated() {
        return false;
      }
    };
  }
}
