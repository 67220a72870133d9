package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.state.StateException;
import io.berth.engine.state.StateRepository;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository opens on another thread; errors come out in the order of a one-thread run. */
class OpenedStateTest {
  @TempDir Path tmp;

  @Test
  void theRepositoryOpensOnAnotherThreadWhileThisOneReads() {
    AtomicReference<Thread> opener = new AtomicReference<>();
    OpenedState<String> opened = OpenedState.openWhile(() -> {
      opener.set(Thread.currentThread());
      return StateRepository.init(tmp.resolve("state"));
    }, () -> "input read on " + Thread.currentThread().getName());

    try (StateRepository repo = opened.repo()) {
      assertThat(repo.tip()).isPresent();
      assertThat(opened.input()).isEqualTo("input read on " + Thread.currentThread().getName());
      assertThat(opener.get()).isNotNull().isNotSameAs(Thread.currentThread());
    }
  }

  @Test
  void aRepositoryThatCannotBeOpenedIsTheErrorEvenWhenTheInputIsBrokenToo() {
    Path missing = tmp.resolve("missing");

    assertThatThrownBy(() -> OpenedState.openWhile(() -> StateRepository.open(missing), () -> {
      throw new IllegalArgumentException("broken input");
    })).isInstanceOf(StateException.class).hasMessageContaining("no state repository at " + missing);
  }

  @Test
  void aBrokenInputIsTheErrorWhenTheRepositoryOpened() {
    StateRepository.init(tmp.resolve("state")).close();

    assertThatThrownBy(() -> OpenedState.openWhile(() -> StateRepository.open(tmp.resolve("state")), () -> {
      throw new IllegalArgumentException("broken input");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("broken input");
  }

  @Test
  void aRepositoryErrorAfterAGoodReadIsThrownAsItself() {
    assertThatThrownBy(() -> OpenedState.openWhile(() -> StateRepository.open(tmp.resolve("missing")), () -> "ok"))
        .isInstanceOf(StateException.class).hasMessageContaining("berth init");
  }
}
