package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Docker's event stream for one agent's containers (label {@code berth.instance}), reduced to "task
 * T has news": an exit, a removal, a health verdict, a pause. It lets task runs react at once instead
 * of at their next poll, so their polls can be rare. The stream reconnects when Docker drops it, and
 * every time it (re)connects {@code onConnected} runs: what happened while no stream was open (or
 * before the first one opened) is found by looking at every task again, not by waiting for a poll.
 *
 * <p>Events a task run causes itself and has already observed (create, start) and the exec events of
 * every health check probe are dropped: each poke costs an inspect, and during a rollout those
 * inspects queue in dockerd behind the starts that matter.
 */
public final class ContainerEvents implements Closeable {
  private static final System.Logger LOG = System.getLogger(ContainerEvents.class.getName());

  private final DockerClient docker;
  private final String instanceId;
  private final Consumer<String> onTask;
  private final Runnable onConnected;
  private final Thread thread;
  private volatile boolean closed;
  /** Actions (before any ": detail") that may change what a task run would observe. */
  private static final Set<String> NEWS = Set.of("die", "oom", "destroy", "health_status",
      "pause", "unpause", "restart");
  private volatile Closeable subscription;

  private ContainerEvents(DockerClient docker, String instanceId, Consumer<String> onTask, Runnable onConnected) {
    this.docker = docker;
    this.instanceId = instanceId;
    this.onTask = onTask;
    this.onConnected = onConnected;
    this.thread = new Thread(this::run, "berth-events-" + instanceId);
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching: {@code onTask} receives the task id of every container event that is news, and
   * {@code onConnected} runs each time the stream has opened (the first time included), once Docker
   * delivers every later event; both on the watcher's threads.
   */
  public static ContainerEvents watch(DockerClient docker, String instanceId, Consumer<String> onTask,
      Runnable onConnected) {
    ContainerEvents events = new ContainerEvents(docker, instanceId, onTask, onConnected);
    events.thread.start();
    return events;
  }

  private void run() {
    while (!closed) {
      ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
        @Override
        public void onStart(Closeable stream) {
          super.onStart(stream);
          // Docker answers the events request before it sends events: from here on nothing is missed.
          try {
            onConnected.run();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "after the Docker event stream of " + instanceId + " opened: " + e.getMessage());
          }
        }

        @Override
        public void onNext(Event event) {
          Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
          String task = attributes == null ? null : attributes.get(BerthLabels.TASK);
          if (task != null && isNews(event)) {
            onTask.accept(task);
          }
        }
      };
      try {
        subscription = docker.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
            .withLabelFilter(Map.of(BerthLabels.INSTANCE, instanceId)).exec(callback);
        callback.awaitCompletion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "Docker event stream of " + instanceId + " failed: " + e.getMessage());
      }
      if (!closed) {
        pause();
      }
    }
  }

  /** Whether the event may change a task's observation (see the class comment). */
  static boolean isNews(Event event) {
    String action = event.getAction();
    if (action == null) {
      return true;
    }
    int colon = action.indexOf(':');
    return NEWS.contains(colon < 0 ? action : action.substring(0, colon).strip());
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    closed = true;
    Closeable current = subscription;
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // Closing a stream that already broke: nothing left to release.
      }
    }
    thread.interrupt();
  }
}
