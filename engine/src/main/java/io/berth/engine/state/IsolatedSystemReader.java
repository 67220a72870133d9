package io.berth.engine.state;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The JGit {@link SystemReader} Berth runs with: it hides the machine's Git configuration (the
 * system file and the user's {@code ~/.gitconfig} and XDG file) from JGit, and passes everything
 * else through.
 *
 * <p>Why: the state repository is Berth's own; what Berth writes into it must not depend on who
 * runs the command or how their Git is set up (commits carry a fixed identity, the branch is set
 * explicitly). And to find the system file JGit starts {@code git} twice ({@code git --version},
 * {@code git config --system --show-origin}), tens of milliseconds of every cold {@code berth
 * apply}. JGit's own file ({@code ~/.config/jgit/config}, where it remembers the file system's
 * timestamp resolution rather than measuring it again) is still read.
 *
 * <p>{@link StateRepository} installs it when first used, before it opens a repository; whoever
 * opens a repository with JGit directly calls {@link #install()} first.
 */
public final class IsolatedSystemReader extends SystemReader.Delegate {

  IsolatedSystemReader(SystemReader delegate) {
    super(delegate);
  }

  /** Makes this JGit's reader for the whole process; calling it again changes nothing. */
  public static synchronized void install() {
    SystemReader current = SystemReader.getInstance();
    if (!(current instanceof IsolatedSystemReader)) {
      SystemReader.setInstance(new IsolatedSystemReader(current));
    }
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openUserConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  /** A configuration level with no file behind it: nothing to load, never out of date. */
  private static final class EmptyConfig extends FileBasedConfig {
    EmptyConfig(Config parent, FS fs) {
      super(parent, null, fs);
    }

    @Override
    public void load() {
      // no file: the level stays empty and its parent's values show through
    }

    @Override
    public boolean isOutdated() {
      return false;
    }
  }
}
