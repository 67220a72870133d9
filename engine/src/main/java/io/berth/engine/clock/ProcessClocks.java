package io.berth.engine.clock;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The clock of a long-running Berth process: a {@link SteadyClock} over the machine's clock.
 *
 * <p><b>For testing only:</b> when the environment variable {@value #TESTING_OFFSET_FILE} names a
 * file, the wall clock under it is the machine's clock plus the offset that file holds (an {@link
 * OffsetFileClock}), so a test harness can make the process's clock jump without setting the
 * machine's clock (the fault-injection suite does, docs/reliability.md). The name says what it is
 * for, the process says on its error output that it runs on a moved clock, and without the variable
 * nothing of it is read or costs anything.
 */
public final class ProcessClocks {
  /** The testing-only environment variable naming the offset file. */
  public static final String TESTING_OFFSET_FILE = "BERTH_TESTING_ONLY_CLOCK_OFFSET_FILE";

  private ProcessClocks() {}

  /** The clock for this process, from its environment. */
  public static Clock forProcess() {
    return forEnvironment(System.getenv());
  }

  /** The clock a process with {@code environment} runs on. */
  public static Clock forEnvironment(Map<String, String> environment) {
    Optional<Path> offsets = Optional.ofNullable(environment.get(TESTING_OFFSET_FILE)).filter(s -> !s.isBlank())
        .map(Path::of);
    if (offsets.isEmpty()) {
      return new SteadyClock(Clock.systemUTC(), System::nanoTime);
    }
    System.err.println("berth: FOR TESTING ONLY: this process's clock is the machine's plus the offset in "
        + offsets.get() + " (" + TESTING_OFFSET_FILE + " is set); unset it outside tests");
    return new SteadyClock(new OffsetFileClock(Clock.systemUTC(), offsets.get(), System::nanoTime), System::nanoTime);
  }
}
