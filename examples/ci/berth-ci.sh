#!/bin/sh
# Berth's CI steps for an application repository, called alike by the GitHub Actions workflow
# (github-actions.yml) and the GitLab CI file (gitlab-ci.yml); see docs/ci.md. Copy it to ci/berth-ci.sh.
#
#   sh ci/berth-ci.sh plan    compile, plan, and on a pull/merge request post the plan as ONE comment
#                             per stack, edited in place on every push (berth:comment)
#   sh ci/berth-ci.sh apply   compile, plan and apply at once (after the merge to the main branch)
#
# Exit code: 0 when the step worked (a plan with changes is a success: see "changes" below), 1 when
# Maven or Berth failed (the reason is in the log), 2 for a wrong call of this script.
# The plan step leaves target/berth/: plan.json, comments/comment-N.md and plan-result.json, whose
# line "changes": true|false says whether there is something to apply; on GitHub Actions it is also
# the step output "changes" and the plan goes to the job summary.
#
# Settings (environment): BERTH_STATE the state repository; BERTH_STACK the stack, when the
# project holds several; BERTH_COMMENT=false plans without commenting (a fork's read-only token);
# BERTH_MVN the Maven command (default ./mvnw when present, else mvn); BERTH_MAVEN_ARGS extra
# Maven arguments (default -B). The comment step reads GITHUB_TOKEN or GITLAB_TOKEN.
set -u

out=target/berth
if [ -n "${BERTH_MVN:-}" ]; then mvn="$BERTH_MVN"; elif [ -x ./mvnw ]; then mvn=./mvnw; else mvn=mvn; fi
args="${BERTH_MAVEN_ARGS:--B}"
stack=""
[ -n "${BERTH_STACK:-}" ] && stack="-Dberth.stack=$BERTH_STACK"

# a pull request on GitHub, a merge request pipeline on GitLab
review() {
  [ "${BERTH_COMMENT:-true}" != false ] || return 1
  case "${GITHUB_EVENT_NAME:-}" in pull_request|pull_request_target) return 0 ;; esac
  [ -n "${CI_MERGE_REQUEST_IID:-}" ]
}

case "${1:-}" in
  plan)
    rm -rf "$out/comments" "$out/plan-result.json"
    goals="compile berth:plan"
    review && goals="$goals berth:comment"
    # shellcheck disable=SC2086 # word splitting of the argument lists is intended
    $mvn $args $goals $stack -Dberth.out="$out/plan.json" -Dberth.commentDir="$out/comments" || exit 1
    if grep -q '"changes": true' "$out/plan-result.json"; then changes=true; else changes=false; fi
    echo "berth: changes=$changes (details in $out/plan-result.json)"
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "changes=$changes" >> "$GITHUB_OUTPUT"; fi
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$out"/comments/comment-*.md >> "$GITHUB_STEP_SUMMARY"; fi
    ;;
  apply)
    # shellcheck disable=SC2086
    $mvn $args compile berth:apply $stack -Dberth.autoApprove=true || exit 1
    ;;
  *)
    echo "usage: $0 plan|apply" >&2
    exit 2
    ;;
esac
