package io.berth.engine.state;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what JGit throws while talking to a remote state into a {@link StateException} whose
 * message names the remote, what went wrong in a user's words and the fix: an unreachable remote,
 * refused credentials, an unknown or changed SSH host key, a missing repository, a full disk in the
 * cache. No exception class name or stack trace reaches the user; the remote's own words are quoted
 * when nothing better is known.
 */
final class RemoteFailures {
  private static final Pattern STATUS_401_403 = Pattern.compile("\\b40[13]\\b");

  private RemoteFailures() {}

  /** What is known about the connection that failed, besides the exception. */
  record Context(String remote, String scheme, Path cache, Optional<SshSessions.RefusedHostKey> hostKey,
      String credentials, Optional<Path> sshKey) {}

  /** The failure of {@code doing} (e.g. "fetch main from") as the message a user reads. */
  static StateException explain(String doing, Throwable failure, Context context) {
    String remote = context.remote();
    if (context.hostKey().isPresent()) {
      SshSessions.RefusedHostKey key = context.hostKey().get();
      if (key.changed()) {
        return new StateException("cannot " + doing + " " + remote + ": the SSH host key of " + key.host() + " ("
            + key.fingerprint() + ") is not the one recorded in " + key.knownHosts() + ". Someone may be in the"
            + " middle, or the server's key was replaced: check with the server's owner, then replace its line in "
            + key.knownHosts() + "; nothing was changed", failure);
      }
      return new StateException("cannot " + doing + " " + remote + ": the SSH host key of " + key.host() + " ("
          + key.fingerprint() + ") is unknown (not in " + key.knownHosts() + "). Check the fingerprint with the"
          + " server's owner, then add the key (ssh-keyscan " + key.host() + " >> " + key.knownHosts() + "), or trust"
          + " it on first use with --accept-new-host-key (BERTH_GIT_ACCEPT_NEW_HOST_KEY=1); nothing was changed",
          failure);
    }
    String all = messages(failure).toLowerCase(Locale.ROOT);
    if (all.contains("no space left on device") || all.contains("disk quota exceeded")) {
      return new StateException("cannot " + doing + " " + remote + ": the disk holding the cache " + context.cache()
          + " is full; free some space there or point --state-cache (BERTH_STATE_CACHE) at another disk; the remote"
          + " state was not changed", failure);
    }
    if (has(failure, UnknownHostException.class)) {
      return new StateException("cannot reach " + remote + ": its host name does not resolve; check the URL given to"
          + " --state (BERTH_STATE) and this machine's DNS", failure);
    }
    if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)
        || all.contains("connection refused") || all.contains("connection failed")) {
      return new StateException("cannot reach " + remote + ": the connection was refused; check the URL and port"
          + " given to --state (BERTH_STATE) and that the Git server runs there", failure);
    }
    if (has(failure, SocketTimeoutException.class) || all.contains("timed out") || all.contains("time out")) {
      return new StateException("cannot " + doing + " " + remote + ": the remote did not answer in time; check the"
          + " network and the Git server, then run the command again", failure);
    }
    if (failure instanceof NoRemoteRepositoryException || all.contains("repository not found")
        || all.contains("no such repository")
        || all.contains("not found") || all.contains("does not appear to be a git repository")
        || all.contains("not exported") || all.contains("no such file") || all.contains("not a git repository")) {
      return new StateException("cannot " + doing + " " + remote + ": there is no Git repository at that URL (the"
          + " remote said: " + firstLine(failure) + "); check the path, or create an empty bare repository there"
          + " and run berth init --state " + remote, failure);
    }
    if (all.contains("not authorized") || all.contains("authentication is required") || all.contains("cannot log in")
        || all.contains("no more authentication methods") || all.contains("auth fail")
        || all.contains("authentication failed") || all.contains("permission denied")
        || all.contains("forbidden") || STATUS_401_403.matcher(all).find()) {
      return new StateException("cannot " + doing + " " + remote + ": the remote refused the credentials ("
          + credentials(context) + "); " + fix(context), failure);
    }
    if (all.contains("unpacking on the remote end") || all.contains("unpacker error") || all.contains("unpack-objects")) {
      // git's receive-pack could not store the pack: most often its disk is full, or the repository not writable
      return new StateException("cannot " + doing + " " + remote + ": the Git server could not store the pushed objects"
          + " (it said: " + firstLine(failure) + "); check that the disk holding its repository has space and that"
          + " the repository is writable by the server, then run the command again (nothing was changed)", failure);
    }
    return new StateException("cannot " + doing + " " + remote + ": " + firstLine(failure) + "; check the URL, the"
        + " network and the Git server, then run the command again (nothing was changed)", failure);
  }

  private static String credentials(Context context) {
    return switch (context.scheme()) {
      case "ssh" -> context.sshKey().map(key -> "SSH key " + key + " from BERTH_GIT_SSH_KEY")
          .orElse("SSH keys ~/.ssh/id_*");
      case "http", "https" -> context.credentials();
      default -> "none: " + context.scheme() + ":// has no authentication";
    };
  }

  private static String fix(Context context) {
    return switch (context.scheme()) {
      case "ssh" -> "give the key's public half access to the repository, or set BERTH_GIT_SSH_KEY to the private"
          + " key that has it";
      case "http", "https" -> "set BERTH_GIT_TOKEN (or BERTH_GIT_TOKEN_FILE) to a token with read and write access"
          + " to the repository, or BERTH_GIT_USER with BERTH_GIT_PASSWORD_FILE, or configure a git credential helper";
      default -> "check the server's access rules";
    };
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  /**
   * The innermost message that says something (JGit prefixes the URL to its own), on one line and
   * without a Java class name.
   */
  static String firstLine(Throwable failure) {
    String best = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getMessage();
      }
    }
    if (best == null) {
      return "the connection failed";
    }
    String line = best.lines().findFirst().orElse("").strip();
    int url = line.indexOf(": ");
    if (url > 0 && line.substring(0, url).contains("://")) {
      line = line.substring(url + 2);
    }
    return line.replaceAll("\\b(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error): ?", "");
  }
}
