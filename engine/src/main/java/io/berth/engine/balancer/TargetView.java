package io.berth.engine.balancer;

/**
 * One target as {@code berth services} and the API show it: its task and address, its state and why,
 * the last health check's result, the requests it has in flight and what it answered.
 */
public record TargetView(String taskId, String address, TargetHealthState state, String reason, String lastCheck,
    int inFlight, RequestCounts counts) {}
