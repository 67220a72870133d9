package io.berth.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.SyncResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hand-over from an agent's sync thread to its task thread. */
class AssignmentMailboxTest {
  private static final SyncResponse OLDER = new SyncResponse(List.of());
  private static final SyncResponse NEWER = new SyncResponse(List.of());

  @Test
  void onlyTheNewestAnswerIsTakenAndOnlyOnce() throws Exception {
    AssignmentMailbox mailbox = new AssignmentMailbox();
    mailbox.offer(OLDER);
    mailbox.offer(NEWER);

    Optional<AssignmentMailbox.Work> work = mailbox.take(Duration.ZERO);

    assertThat(work).isPresent();
    assertThat(work.get().answer()).containsSame(NEWER);
    assertThat(work.get().adopt()).isFalse();
    assertThat(mailbox.take(Duration.ZERO)).isEmpty();
  }

  @Test
  void anAdoptionComesWithTheAnswerSoItIsDoneFirstAndAFailedOneIsAskedAgain() throws Exception {
    AssignmentMailbox mailbox = new AssignmentMailbox();
    mailbox.requestAdoption();
    mailbox.offer(OLDER);

    AssignmentMailbox.Work work = mailbox.take(Duration.ZERO).orElseThrow();
    mailbox.adoptionFailed();
    mailbox.offer(NEWER);
    AssignmentMailbox.Work again = mailbox.take(Duration.ZERO).orElseThrow();

    assertThat(work.adopt()).isTrue();
    assertThat(work.answer()).containsSame(OLDER);
    assertThat(again.adopt()).isTrue();
    assertThat(again.answer()).containsSame(NEWER);
  }

  @Test
  void aClosedMailboxHandsOutNothing() throws Exception {
    AssignmentMailbox mailbox = new AssignmentMailbox();
    mailbox.offer(NEWER);
    mailbox.close();

    assertThat(mailbox.take(Duration.ofSeconds(30))).isEmpty();
  }

  @Test
  void theMailboxIsIdleOnlyOnceTheTaskThreadIsDoneWithWhatItTook() throws Exception {
    AssignmentMailbox mailbox = new AssignmentMailbox();
    mailbox.offer(NEWER);
    mailbox.take(Duration.ZERO).orElseThrow();
    Thread waiter = new Thread(() -> {
      try {
        mailbox.awaitIdle(Duration.ofMinutes(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.start();
    waiter.join(200);
    assertThat(waiter.isAlive()).as("still busy with the answer").isTrue();

    mailbox.done();

    waiter.join(30_000);
    assertThat(waiter.isAlive()).isFalse();
  }
}
