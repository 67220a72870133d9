package io.berth.engine.state;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * Who made a state commit and from where: the commit's author, the CI run that applied (its URL),
 * the application repository's commit the desired state was built from, and the berth version.
 * They become the commit's author and its {@code Berth-Run}, {@code Berth-Application-Commit} and
 * {@code Berth-Version} trailers.
 *
 * <p>The author is, in this order: {@code --author "Name <mail>"}; the CI system's user
 * ({@code GITHUB_ACTOR} on GitHub Actions, {@code GITLAB_USER_LOGIN} on GitLab CI, with the run's
 * URL); {@code GIT_AUTHOR_NAME} / {@code GIT_AUTHOR_EMAIL}; the user's Git identity
 * ({@code user.name} and {@code user.email} of {@code ~/.gitconfig} or {@code ~/.config/git/config});
 * else the login and host name.
 */
public record Attribution(String name, String email, Optional<String> runUrl, Optional<String> applicationCommit,
    String berthVersion) {

  private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>]*[^<>\\s])\\s*<([^<>\\s]+)>\\s*");

  /** Requires the identity. */
  public Attribution {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(email, "email == null");
    runUrl = runUrl == null ? Optional.empty() : runUrl;
    applicationCommit = applicationCommit == null ? Optional.empty() : applicationCommit;
    Objects.requireNonNull(berthVersion, "berthVersion == null");
  }

  /** Berth itself, for commits nobody asked for by name. */
  public static Attribution berth(String berthVersion) {
    return new Attribution("Berth", "berth@localhost", Optional.empty(), Optional.empty(), berthVersion);
  }

  /** The same attribution naming the application commit the desired state came from. */
  public Attribution withApplicationCommit(Optional<String> commit) {
    return new Attribution(name, email, runUrl, commit, berthVersion);
  }

  /** {@code Name <email>}, as Git shows an author. */
  public String author() {
    return name + " <" + email + ">";
  }

  /**
   * The attribution of a change asked for by {@code author} ({@code --author}, if given) in the
   * environment {@code env}; see the class comment for the order.
   */
  public static Attribution resolve(Optional<String> author, Map<String, String> env, String berthVersion) {
    Optional<String> run = runUrl(env);
    if (author.isPresent()) {
      Matcher m = AUTHOR.matcher(author.get());
      if (!m.matches()) {
        throw new StateException("--author '" + author.get() + "' is not 'Name <email>'; write it as --author"
            + " \"Jane Doe <jane@example.com>\"");
      }
      return new Attribution(m.group(1), m.group(2), run, Optional.empty(), berthVersion);
    }
    if (set(env, "GITHUB_ACTOR")) {
      String actor = env.get("GITHUB_ACTOR");
      String email = (set(env, "GITHUB_ACTOR_ID") ? env.get("GITHUB_ACTOR_ID") + "+" : "") + actor
          + "@users.noreply.github.com";
      return new Attribution(actor, email, run, Optional.empty(), berthVersion);
    }
    if (set(env, "GITLAB_USER_LOGIN")) {
      String login = env.get("GITLAB_USER_LOGIN");
      return new Attribution(set(env, "GITLAB_USER_NAME") ? env.get("GITLAB_USER_NAME") : login,
          set(env, "GITLAB_USER_EMAIL") ? env.get("GITLAB_USER_EMAIL") : login + "@users.noreply.gitlab",
          run, Optional.empty(), berthVersion);
    }
    Optional<String> name = Optional.ofNullable(env.get("GIT_AUTHOR_NAME")).filter(s -> !s.isBlank())
        .or(() -> userConfig(env, "name"));
    Optional<String> email = Optional.ofNullable(env.get("GIT_AUTHOR_EMAIL")).filter(s -> !s.isBlank())
        .or(() -> userConfig(env, "email"));
    String login = Optional.ofNullable(env.get("USER")).or(() -> Optional.ofNullable(env.get("LOGNAME")))
        .filter(s -> !s.isBlank()).orElse(System.getProperty("user.name", "berth"));
    return new Attribution(name.orElse(login), email.orElse(login + "@" + hostName(env)), run, Optional.empty(),
        berthVersion);
  }

  /** The CI run's URL: GitHub Actions' run page, or GitLab CI's job page. */
  static Optional<String> runUrl(Map<String, String> env) {
    if (set(env, "GITHUB_SERVER_URL") && set(env, "GITHUB_REPOSITORY") && set(env, "GITHUB_RUN_ID")) {
      return Optional.of(env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/"
          + env.get("GITHUB_RUN_ID"));
    }
    if (set(env, "CI_JOB_URL")) {
      return Optional.of(env.get("CI_JOB_URL"));
    }
    return Optional.empty();
  }

  /**
   * The commit checked out in the Git work tree that holds {@code directory} (the desired state's
   * directory, usually the application's {@code target/classes}); empty outside a work tree.
   */
  public static Optional<String> applicationCommit(Path directory) {
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

  private static Optional<String> userConfig(Map<String, String> env, String key) {
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

  private static String hostName(Map<String, String> env) {
    if (set(env, "HOSTNAME")) {
      return env.get("HOSTNAME");
    }
    try {
      return Files.readString(Path.of("/etc/hostname")).strip();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static boolean set(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
