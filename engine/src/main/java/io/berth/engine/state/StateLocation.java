package io.berth.engine.state;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * Where a state repository is, as {@code --state} or {@code BERTH_STATE} name it: a local directory
 * holding a bare Git repository, or a Git remote reached through a local cache
 * ({@link StateAccess#cacheDirectory}). Parsing never turns a URL into a directory name.
 *
 * <pre>{@code
 * StateLocation.parse(".berth/state");                    // Local
 * StateLocation.parse("ssh://git@host:2222/srv/state.git"); // Remote
 * StateLocation.parse("git@github.com:team/state.git");     // Remote (scp-like, as git reads it)
 * }</pre>
 */
public sealed interface StateLocation permits StateLocation.Local, StateLocation.Remote {

  /** How the location is shown in messages. */
  String describe();

  /** A bare repository in a local directory: today's state, written in place. */
  record Local(Path directory) implements StateLocation {
    /** Requires the directory. */
    public Local {
      Objects.requireNonNull(directory, "directory == null");
    }

    @Override
    public String describe() {
      return directory.toString();
    }
  }

  /**
   * A Git remote: {@code file://}, {@code git://}, {@code ssh://}, scp-like {@code user@host:path},
   * {@code http://} or {@code https://}.
   *
   * @param url the URL as the user gave it
   * @param scheme {@code file}, {@code git}, {@code ssh} (also for scp-like URLs), {@code http} or {@code https}
   */
  record Remote(String url, String scheme) implements StateLocation {
    /** Requires both parts. */
    public Remote {
      Objects.requireNonNull(url, "url == null");
      Objects.requireNonNull(scheme, "scheme == null");
    }

    @Override
    public String describe() {
      return url;
    }

    /** The URL as JGit's transports take it. */
    URIish uri() {
      try {
        return new URIish(url);
      } catch (URISyntaxException e) {
        throw new IllegalStateException("parse() accepted " + url, e);
      }
    }
  }

  /** {@code scheme://} at the start of a URL. */
  Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  /** Git's scp-like syntax: a colon before the first slash, with a host of more than one letter. */
  Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?([^@/:]{2,}):(.+)$");

  /**
   * Reads a {@code --state} value. Unsupported schemes, URLs without a host or path, and URLs that
   * carry a password are refused naming the fix: credentials come from the environment, never from
   * an argument that {@code /proc/<pid>/cmdline} shows.
   */
  static StateLocation parse(String text) {
    if (text == null || text.isBlank()) {
      throw new StateException("--state is empty; give a directory (e.g. .berth/state) or a Git URL");
    }
    Matcher scheme = SCHEME.matcher(text);
    if (scheme.find()) {
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      if (!name.equals("file") && !name.equals("git") && !name.equals("ssh") && !name.equals("http")
          && !name.equals("https")) {
        throw new StateException("--state " + text + " uses the scheme " + name + ", which berth cannot reach; use"
            + " file://, git://, ssh://, user@host:path, https:// or http://, or a local directory");
      }
      return remote(name + "://" + text.substring(scheme.end()), name); // JGit reads lower-case schemes only
    }
    if (!text.startsWith("/") && !text.startsWith(".") && SCP_LIKE.matcher(text).matches()) {
      return remote(text, "ssh");
    }
    return new Local(Path.of(text));
  }

  private static Remote remote(String text, String scheme) {
    URIish uri;
    try {
      uri = new URIish(text);
    } catch (URISyntaxException e) {
      throw new StateException("--state " + text + " is not a Git URL (" + e.getReason() + "); write it as"
          + " ssh://user@host/path/state.git, user@host:path/state.git or https://host/path/state.git");
    }
    if (uri.getPass() != null) {
      throw new StateException("--state " + uri.setPass(null) + " carries a password in the URL, where any user of"
          + " this machine can read it in the process list; remove it and set BERTH_GIT_TOKEN (or BERTH_GIT_USER"
          + " and BERTH_GIT_PASSWORD_FILE) instead");
    }
    if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
      throw new StateException("--state " + text + " names no repository path; add it, e.g. " + text
          + (text.endsWith("/") ? "" : "/") + "state.git");
    }
    if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
      throw new StateException("--state " + text + " names no host; write it as " + scheme + "://host/path");
    }
    return new Remote(text, scheme);
  }
}
