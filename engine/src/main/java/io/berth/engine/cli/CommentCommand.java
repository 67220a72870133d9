package io.berth.engine.cli;

import io.berth.engine.comments.CommentRun;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth comment DIR}: posts the plan's comment files to the pull request, editing the earlier ones in place. */
@Command(name = "comment", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Post the comments berth plan --comment-dir DIR wrote to a pull request (GitHub) or merge request"
        + " (GitLab), editing the stack's earlier plan comments in place and deleting parts no longer needed.",
        "In GitHub Actions and GitLab CI everything but the token is read from the job's variables; the token only"
            + " ever from GITHUB_TOKEN or GITLAB_TOKEN.",
        "Exit code: 0 success, 1 error."})
final class CommentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The directory berth plan --comment-dir wrote.")
  Path dir;

  @Option(names = "--service", paramLabel = "SERVICE", description = "${COMPLETION-CANDIDATES} (default: the CI"
      + " this runs in).")
  CommentRun.Service service;

  @Option(names = "--api", paramLabel = "URL", description = "The REST API's root (default: GITHUB_API_URL, else"
      + " https://api.github.com; CI_API_V4_URL).")
  String api;

  @Option(names = "--repository", paramLabel = "REPO", description = "OWNER/NAME on GitHub, the project id or path on"
      + " GitLab (default: GITHUB_REPOSITORY; CI_PROJECT_ID).")
  String repository;

  @Option(names = "--number", paramLabel = "N", description = "The pull request's number or the merge request's iid"
      + " (default: from GITHUB_REF; CI_MERGE_REQUEST_IID).")
  Integer number;

  @Override
  public Integer call() {
    return CommentRun.run(new CommentRun.Request(dir, Optional.ofNullable(service), Optional.ofNullable(api),
        Optional.ofNullable(repository), Optional.ofNullable(number)), System.getenv(), spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
