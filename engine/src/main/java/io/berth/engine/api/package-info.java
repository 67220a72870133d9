/**
 * The wire contract between host agents, the CLI and the control plane: HTTP/JSON records read and
 * written with {@link io.berth.json.BerthJson#mapper()}, and a small client for them.
 *
 * <p>Endpoints (all on 127.0.0.1, every request with {@code Authorization: Bearer <token>}):
 * {@code POST /v1/instances} ({@link RegisterInstanceRequest} to {@link RegisterInstanceResponse}),
 * {@code POST /v1/instances/{id}/sync} ({@link SyncRequest} to {@link SyncResponse}),
 * {@code GET /v1/secrets/{name}?taskId=ID} ({@link SecretValue}),
 * {@code POST /v1/apply} ({@link ApplyRequest} to {@link ApplyResponse}; served by
 * {@code berth up} only). Errors are {@link ApiError}.
 */
package io.berth.engine.api;
