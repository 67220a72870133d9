package io.berth.engine.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * else the login and host name. The machine's Git identity is read by {@link GitIdentity}, so that
 * the rest needs no JGit (a client handing its apply to a control plane stays light).
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
    return explicit(author, env, berthVersion).orElseGet(() -> machine(env, berthVersion));
  }

  /**
   * The attribution named by {@code --author} or the CI system's variables, without looking at the
   * machine's Git identity (which loads JGit: a client handing the apply to a control plane on the
   * same machine leaves that to it). Empty when neither names anyone.
   */
  public static Optional<Attribution> explicit(Optional<String> author, Map<String, String> env,
      String berthVersion) {
    Optional<String> run = runUrl(env);
    if (author.isPresent()) {
      Matcher m = AUTHOR.matcher(author.get());
      if (!m.matches()) {
        throw new StateException("--author '" + author.get() + "' is not 'Name <email>'; write it as --author"
            + " \"Jane Doe <jane@example.com>\"");
      }
      return Optional.of(new Attribution(m.group(1), m.group(2), run, Optional.empty(), berthVersion));
    }
    if (set(env, "GITHUB_ACTOR")) {
      String actor = env.get("GITHUB_ACTOR");
      String email = (set(env, "GITHUB_ACTOR_ID") ? env.get("GITHUB_ACTOR_ID") + "+" : "") + actor
          + "@users.noreply.github.com";
      return Optional.of(new Attribution(actor, email, run, Optional.empty(), berthVersion));
    }
    if (set(env, "GITLAB_USER_LOGIN")) {
      String login = env.get("GITLAB_USER_LOGIN");
      return Optional.of(new Attribution(set(env, "GITLAB_USER_NAME") ? env.get("GITLAB_USER_NAME") : login,
          set(env, "GITLAB_USER_EMAIL") ? env.get("GITLAB_USER_EMAIL") : login + "@users.noreply.gitlab",
          run, Optional.empty(), berthVersion));
    }
    return Optional.empty();
  }

  /** The machine's Git identity, else its login and host name; with the CI run when there is one. */
  private static Attribution machine(Map<String, String> env, String berthVersion) {
    Optional<String> name = Optional.ofNullable(env.get("GIT_AUTHOR_NAME")).filter(s -> !s.isBlank())
        .or(() -> GitIdentity.userConfig(env, "name"));
    Optional<String> email = Optional.ofNullable(env.get("GIT_AUTHOR_EMAIL")).filter(s -> !s.isBlank())
        .or(() -> GitIdentity.userConfig(env, "email"));
    String login = Optional.ofNullable(env.get("USER")).or(() -> Optional.ofNullable(env.get("LOGNAME")))
        .filter(s -> !s.isBlank()).orElse(System.getProperty("user.name", "berth"));
    return new Attribution(name.orElse(login), email.orElse(login + "@" + hostName(env)), runUrl(env),
        Optional.empty(), berthVersion);
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
    return GitIdentity.headCommit(directory);
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
