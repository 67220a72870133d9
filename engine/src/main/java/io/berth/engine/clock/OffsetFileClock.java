package io.berth.engine.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * For testing only ({@link ProcessClocks#TESTING_OFFSET_FILE}): a wall clock that is {@code base}
 * plus the offset in milliseconds (signed, e.g. {@code -600000}) a file holds, read again at most
 * every {@value #REREAD_MILLIS} ms. A missing or unreadable file, or one being rewritten, keeps the
 * last offset read (zero at first): a harness that replaces the file (write and rename) moves this
 * clock at once, as a step of the machine's clock would.
 */
final class OffsetFileClock extends Clock {
  static final long REREAD_MILLIS = 50;
  private final Clock base;
  private final Path file;
  private final LongSupplier ticker;
  private volatile long offsetMillis;
  private volatile long readAt;
  private volatile boolean read;

  OffsetFileClock(Clock base, Path file, LongSupplier ticker) {
    this.base = base;
    this.file = file;
    this.ticker = ticker;
  }

  @Override
  public Instant instant() {
    long now = ticker.getAsLong();
    if (!read || now - readAt >= REREAD_MILLIS * 1_000_000) {
      readAt = now;
      read = true;
      try {
        offsetMillis = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
      } catch (IOException | NumberFormatException e) {
        // absent or half written: the last offset holds
      }
    }
    return base.instant().plusMillis(offsetMillis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
