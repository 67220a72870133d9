package io.berth.plans.render;

/** A change made outside Berth, formatted: {@code service "prod/web" desiredCount: 3 -> 7}. */
public record OutsideView(String title, String path, String lastApplied, String live, String explanation) {}
