/**
 * {@code berth up}: a control plane and N simulated hosts (in-process agents) on the local Docker
 * engine, found by the other commands through {@code .berth/up.json}; and the client-side helpers
 * the runtime commands share (connection lookup, deployment progress).
 */
package io.berth.engine.local;
