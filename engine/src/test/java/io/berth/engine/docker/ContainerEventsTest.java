package io.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Docker events wake a task run: news it cannot know yet, not echoes of its own calls. */
class ContainerEventsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "die                                  | true",
      "oom                                  | true",
      "destroy                              | true",
      "health_status: healthy              | true",
      "health_status: unhealthy            | true",
      "pause                                | true",
      "unpause                              | true",
      "create                               | false",
      "start                                | false",
      "exec_create: /bin/sh -c wget -q -O - | false",
      "exec_start: /bin/sh -c wget -q -O -  | false",
      "exec_die                             | false",
      "attach                               | false",
  })
  void onlyEventsThatMayChangeAnObservationAreNews(String action, boolean news) {
    assertThat(ContainerEvents.isNews(new Event().withAction(action))).isEqualTo(news);
  }

  @Test
  void anEventWithoutAnActionIsNews() {
    assertThat(ContainerEvents.isNews(new Event())).isTrue();
  }
}
