package io.berth.engine.server;

import io.berth.engine.autoscaling.AutoscalerState;

/**
 * An auto scaled service's live desired count and the autoscaler's memory (cooldowns, scheduled
 * capacity), kept in the snapshot and so on the runtime ref ({@code autoscaling/<cluster>/<service>}).
 */
public record AutoscaledService(int desiredCount, AutoscalerState state) {}
