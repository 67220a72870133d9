package io.berth.plans.render;

/** One rendered attribute line: its marker ({@code +}, {@code -}, {@code ~}) and the text after it. */
public record LineView(String marker, String text) {}
