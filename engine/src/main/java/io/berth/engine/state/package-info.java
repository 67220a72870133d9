/**
 * Berth's state repository: a bare Git repository (JGit) holding the declared state on
 * {@code refs/heads/main} (one commit per apply) and the control plane's runtime state on
 * {@code refs/berth/runtime}. This is the only package that touches JGit. Every write is one commit
 * published with a compare-and-swap ref update, so a lost race is an error, never a merge.
 *
 * <p>Entry point: {@link io.berth.engine.state.StateRepository}. Layout of {@code main}:
 * <pre>
 * layout-version                          "1"
 * stack.json                              {"stack": ..., "taskDefinitions": {family: active revision}}
 * roles/&lt;name&gt;.json
 * clusters/&lt;name&gt;.json
 * task-definitions/&lt;family&gt;/&lt;revision&gt;.json   immutable; every revision ever registered is kept
 * services/&lt;cluster&gt;/&lt;service&gt;.json         taskDefinition is "family:revision"
 * scaling/&lt;cluster&gt;/&lt;service&gt;.json
 * </pre>
 */
package io.berth.engine.state;
