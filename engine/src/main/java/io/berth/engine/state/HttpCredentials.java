package io.berth.engine.state;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * User name and password for a state on an HTTP(S) remote, from the environment, never from an
 * argument: {@code BERTH_GIT_TOKEN} (or the file {@code BERTH_GIT_TOKEN_FILE}) as the password of
 * {@code BERTH_GIT_USER} (default {@code x-access-token}, which GitHub and GitLab accept with a
 * token), or {@code BERTH_GIT_USER} with {@code BERTH_GIT_PASSWORD} / {@code BERTH_GIT_PASSWORD_FILE}.
 * Without any of them, the machine's Git credential helper is asked ({@code git credential fill},
 * which never prompts here); none answering leaves the request unauthenticated.
 */
final class HttpCredentials extends CredentialsProvider {
  private final StateAccess access;
  private Optional<String[]> cached;

  HttpCredentials(StateAccess access) {
    this.access = access;
  }

  /** Where the credentials came from, for an "authentication refused" message. */
  String source() {
    if (access.variable("BERTH_GIT_TOKEN").isPresent() || access.variable("BERTH_GIT_TOKEN_FILE").isPresent()) {
      return "BERTH_GIT_TOKEN";
    }
    if (access.variable("BERTH_GIT_PASSWORD").isPresent() || access.variable("BERTH_GIT_PASSWORD_FILE").isPresent()) {
      return "BERTH_GIT_USER and BERTH_GIT_PASSWORD";
    }
    return "no BERTH_GIT_TOKEN or BERTH_GIT_PASSWORD, and no git credential helper answered";
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    for (CredentialItem item : items) {
      if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    if (cached == null) {
      cached = fromEnvironment().or(() -> fromHelper(uri));
    }
    if (cached.isEmpty()) {
      return false;
    }
    for (CredentialItem item : items) {
      if (item instanceof CredentialItem.Username user) {
        user.setValue(cached.get()[0]);
      } else if (item instanceof CredentialItem.Password password) {
        password.setValue(cached.get()[1].toCharArray());
      } else {
        throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName() + ": " + item.getPromptText());
      }
    }
    return true;
  }

  private Optional<String[]> fromEnvironment() {
    Optional<String> token = secret("BERTH_GIT_TOKEN");
    if (token.isPresent()) {
      return Optional.of(new String[] {access.variable("BERTH_GIT_USER").orElse("x-access-token"), token.get()});
    }
    Optional<String> user = access.variable("BERTH_GIT_USER");
    Optional<String> password = secret("BERTH_GIT_PASSWORD");
    if (user.isPresent() && password.isPresent()) {
      return Optional.of(new String[] {user.get(), password.get()});
    }
    return Optional.empty();
  }

  /** {@code NAME}, else the first line of the file {@code NAME_FILE}. */
  private Optional<String> secret(String name) {
    Optional<String> value = access.variable(name);
    if (value.isPresent()) {
      return value;
    }
    return access.variable(name + "_FILE").map(file -> {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      } catch (IOException e) {
        throw new StateException(name + "_FILE " + file + " cannot be read (" + GitTrees.why(e) + "); point it at a"
            + " readable file holding the secret on its first line", e);
      }
    });
  }

  /** {@code git credential fill}: the helpers of the machine's own Git configuration, without prompting. */
  private Optional<String[]> fromHelper(URIish uri) {
    try {
      ProcessBuilder builder = new ProcessBuilder("git", "credential", "fill");
      builder.environment().put("GIT_TERMINAL_PROMPT", "0");
      builder.environment().put("GIT_ASKPASS", "true"); // answers nothing instead of prompting
      builder.environment().put("SSH_ASKPASS", "true");
      access.variable("HOME").ifPresent(home -> builder.environment().put("HOME", home));
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process git = builder.start();
      try (OutputStream in = git.getOutputStream()) {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        in.write(("protocol=" + uri.getScheme() + "\nhost=" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort()
            : "") + "\npath=" + path + "\n\n").getBytes(StandardCharsets.UTF_8));
      }
      String answer = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
        git.destroy();
        return Optional.empty();
      }
      Map<String, String> fields = new HashMap<>();
      answer.lines().forEach(line -> {
        int eq = line.indexOf('=');
        if (eq > 0) {
          fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
      });
      String user = fields.get("username");
      String password = fields.get("password");
      return user == null || password == null || password.isEmpty() ? Optional.empty()
          : Optional.of(new String[] {user, password});
    } catch (IOException e) {
      return Optional.empty(); // no git on this machine: no helper to ask
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
