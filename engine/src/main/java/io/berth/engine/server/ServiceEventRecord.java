package io.berth.engine.server;

import java.time.Instant;

/** One line of a service's event log, worded like ECS service events. */
public record ServiceEventRecord(long seq, Instant createdAt, String serviceName, String message) {}
