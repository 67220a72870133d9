package io.berth.engine.comments;

import io.berth.engine.planner.CommandErrors;
import io.berth.plans.render.CommentMarker;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code berth comment DIR} and the Maven plugin's {@code berth:comment}: keeps one plan comment per
 * stack on a pull request (GitHub) or merge request (GitLab), edited in place on every push. It posts
 * the {@code comment-N.md} files {@code berth plan --comment-dir DIR} wrote, following
 * {@link CommentSteps}. Where to post comes from the request, else from the CI's own environment
 * variables; the token only ever from the environment ({@code GITHUB_TOKEN}, {@code GITLAB_TOKEN}),
 * never from an argument, which other users of the machine could read.
 */
public final class CommentRun {
  private static final Pattern GITHUB_PULL_REF = Pattern.compile("refs/pull/([0-9]+)/(merge|head)");
  private static final Pattern COMMENT_FILE = Pattern.compile("comment-([1-9][0-9]{0,5})\\.md");

  private CommentRun() {}

  /** The hosting services whose comment APIs Berth speaks (lower case: the CLI's option values). */
  public enum Service { github, gitlab }

  /**
   * What to post and where; an empty field is read from the CI's environment.
   *
   * @param dir the comment files' directory ({@code berth plan --comment-dir})
   * @param service the hosting service; else GitHub Actions' or GitLab CI's own variable says
   * @param api the REST API root; else {@code GITHUB_API_URL} (default {@code https://api.github.com}) or {@code CI_API_V4_URL}
   * @param repository {@code OWNER/NAME} on GitHub, the project id or path on GitLab; else {@code GITHUB_REPOSITORY} or {@code CI_PROJECT_ID}
   * @param number the pull request's number or the merge request's iid; else from {@code GITHUB_REF} or {@code CI_MERGE_REQUEST_IID}
   */
  public record Request(Path dir, Optional<Service> service, Optional<String> api, Optional<String> repository,
      Optional<Integer> number) {}

  /** Posts {@code request}'s comments; 0, or 1 after an {@code error:} line on {@code err}. */
  public static int run(Request request, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    return CommandErrors.run(err, () -> {
      List<String> parts = parts(request.dir());
      post(thread(request, environment), CommentMarker.of(parts.get(0)).orElseThrow().stack(), parts, out);
      return 0;
    });
  }

  /** Applies {@link CommentSteps} for {@code stack}'s {@code parts} to {@code thread}, saying what it did on {@code out}. */
  static void post(CommentThread thread, String stack, List<String> parts, PrintWriter out) {
    List<CommentSteps.Step> steps = CommentSteps.plan(stack, thread.list(), parts);
    String where = thread.describe();
    for (CommentSteps.Step step : steps) {
      if (step instanceof CommentSteps.Create create) {
        out.println("Posted comment " + thread.create(create.body()) + " on " + where + " (stack " + stack + ", part "
            + create.part() + " of " + parts.size() + ")");
      } else if (step instanceof CommentSteps.Update update) {
        thread.update(update.id(), update.body());
        out.println("Updated comment " + update.id() + " on " + where + " (stack " + stack + ", part " + update.part()
            + " of " + parts.size() + ")");
      } else if (step instanceof CommentSteps.Delete delete) {
        thread.delete(delete.id());
        out.println("Deleted comment " + delete.id() + " on " + where + " (stack " + stack
            + ": a part the plan no longer has)");
      }
    }
    if (steps.isEmpty()) {
      out.println(where + " already shows this plan of stack " + stack + " (" + parts.size() + " comment(s))");
    }
    out.flush();
  }

  /** The comment files' texts in part order, checked to be one whole plan of one stack. */
  static List<String> parts(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory: write the comments first with berth plan"
          + " --comment-dir " + dir);
    }
    TreeMap<Integer, Path> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.forEach(f -> {
        Matcher m = COMMENT_FILE.matcher(f.getFileName().toString());
        if (m.matches()) {
          files.put(Integer.parseInt(m.group(1)), f);
        }
      });
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + " holds no comment-N.md: write them with berth plan --comment-dir " + dir);
    }
    List<String> parts = new ArrayList<>();
    String stack = null;
    for (Map.Entry<Integer, Path> file : files.entrySet()) {
      String body = Files.readString(file.getValue());
      Optional<CommentMarker> marker = CommentMarker.of(body);
      if (marker.isEmpty() || marker.get().part() != file.getKey() || marker.get().parts() != files.size()
          || file.getKey() != parts.size() + 1 || (stack != null && !stack.equals(marker.get().stack()))) {
        throw new IllegalArgumentException(file.getValue() + " is not part " + (parts.size() + 1) + " of " + files.size()
            + " of one plan (its first line is Berth's marker, <!-- berth:plan stack=NAME part=N/M -->): write the"
            + " comments again with berth plan --comment-dir " + dir + " into an empty directory");
      }
      stack = marker.get().stack();
      parts.add(body);
    }
    return parts;
  }

  /** The thread {@code request} names, its blanks filled from {@code environment}. */
  static CommentThread thread(Request request, Map<String, String> environment) {
    Function<String, Optional<String>> env = name -> Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    Service service = request.service().orElseGet(() -> {
      if (env.apply("GITHUB_ACTIONS").isPresent()) {
        return Service.github;
      }
      if (env.apply("GITLAB_CI").isPresent()) {
        return Service.gitlab;
      }
      throw new IllegalArgumentException("cannot tell the hosting service outside GitHub Actions and GitLab CI:"
          + " name it (--service github|gitlab, or berth.service for the Maven plugin)");
    });
    return switch (service) {
      case github -> GitHubThread.of(
          api(request.api().or(() -> env.apply("GITHUB_API_URL")).orElse("https://api.github.com")),
          request.repository().or(() -> env.apply("GITHUB_REPOSITORY"))
              .orElseThrow(() -> missing("the repository OWNER/NAME", "GITHUB_REPOSITORY")),
          request.number().or(() -> env.apply("GITHUB_REF").map(GITHUB_PULL_REF::matcher).filter(Matcher::matches)
              .map(m -> Integer.parseInt(m.group(1))))
              .orElseThrow(() -> missing("the pull request number (this run is not for a pull request?)", "GITHUB_REF")),
          env.apply("GITHUB_TOKEN").orElseThrow(() -> new IllegalArgumentException("GITHUB_TOKEN is not set: pass"
              + " the workflow's token to this step (env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})")));
      case gitlab -> GitLabThread.of(
          api(request.api().or(() -> env.apply("CI_API_V4_URL"))
              .orElseThrow(() -> missing("the API address", "CI_API_V4_URL"))),
          request.repository().or(() -> env.apply("CI_PROJECT_ID"))
              .orElseThrow(() -> missing("the project", "CI_PROJECT_ID")),
          request.number().or(() -> env.apply("CI_MERGE_REQUEST_IID").map(CommentRun::iid))
              .orElseThrow(() -> missing("the merge request (this pipeline is not for a merge request?)",
                  "CI_MERGE_REQUEST_IID")),
          env.apply("GITLAB_TOKEN").orElseThrow(() -> new IllegalArgumentException("GITLAB_TOKEN is not set: add a"
              + " project access token with the api scope as a masked CI/CD variable named GITLAB_TOKEN")));
    };
  }

  private static URI api(String value) {
    try {
      URI uri = new URI(value.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new IllegalArgumentException("the API address '" + value + "' is not an http(s) URL; pass it with --api, e.g."
        + " https://api.github.com or https://gitlab.example.com/api/v4");
  }

  private static int iid(String value) {
    if (!value.strip().matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("CI_MERGE_REQUEST_IID is '" + value + "', not a merge request number; run this"
          + " in a merge request pipeline, or name the merge request with --number");
    }
    return Integer.parseInt(value.strip());
  }

  private static IllegalArgumentException missing(String what, String variable) {
    return new IllegalArgumentException("cannot tell " + what + ": " + variable + " is not set; name it with the"
        + " command's option");
  }
}
