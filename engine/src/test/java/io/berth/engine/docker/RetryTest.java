package io.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which Docker failures are worth another try, and how many tries there are. */
class RetryTest {

  @Test
  void connectionFailuresAndBusyAnswersAreTransient() {
    assertThat(Retry.isTransient(new RuntimeException(new SocketException("Connection reset")))).isTrue();
    assertThat(Retry.isTransient(new UncheckedIOException(new IOException("broken pipe")))).isTrue();
    assertThat(Retry.isTransient(new InternalServerErrorException("device or resource busy"))).isTrue();
    assertThat(Retry.isTransient(new InternalServerErrorException("removal of container is already in progress")))
        .isTrue();
  }

  @Test
  void answersThatWillNotChangeAreNot() {
    assertThat(Retry.isTransient(new NotFoundException("no such image"))).isFalse();
    assertThat(Retry.isTransient(new ConflictException("name already in use"))).isFalse();
    assertThat(Retry.isTransient(new BadRequestException("invalid mount config"))).isFalse();
    assertThat(Retry.isTransient(new InternalServerErrorException("port is already allocated"))).isFalse();
  }

  @Test
  void transientFailuresAreRetriedABoundedNumberOfTimes() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(Retry.transientFailures(() -> calls.incrementAndGet() < 3 ? fail("busy") : "ok")).isEqualTo("ok");
    assertThat(calls).hasValue(3);

    calls.set(0);
    assertThatThrownBy(() -> Retry.transientFailures(() -> {
      calls.incrementAndGet();
      return fail("busy");
    })).hasMessageContaining("busy");
    assertThat(calls).hasValue(4);

    calls.set(0);
    assertThatThrownBy(() -> Retry.transientFailures(() -> {
      calls.incrementAndGet();
      throw new NotFoundException("no such container");
    })).isInstanceOf(NotFoundException.class);
    assertThat(calls).as("not retried").hasValue(1);
  }

  private static String fail(String message) {
    throw new InternalServerErrorException(message);
  }
}
