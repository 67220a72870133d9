package io.berth.engine.agent;

import com.github.dockerjava.api.DockerClient;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker client double for a Docker engine too busy to answer: every command's {@code exec()}
 * blocks until {@link #release}, then fails. Streaming commands ({@code exec(callback)}) hand their
 * callback back at once, as docker-java does, and never deliver anything.
 */
final class HangingDocker {
  private final CountDownLatch released = new CountDownLatch(1);
  /** Commands that were sent and are waiting (or waited) for an answer. */
  final AtomicInteger hanging = new AtomicInteger();

  DockerClient client() {
    return proxy(DockerClient.class);
  }

  /** Lets every waiting command fail, and every later one fail at once. */
  void release() {
    released.countDown();
  }

  private <T> T proxy(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this::invoke));
  }

  private Object invoke(Object self, Method method, Object[] args) throws InterruptedException {
    switch (method.getName()) {
      case "toString":
        return "HangingDocker";
      case "hashCode":
        return System.identityHashCode(self);
      case "equals":
        return self == args[0];
      case "close":
        return null;
      case "exec":
        if (args != null && args.length == 1) {
          return args[0];
        }
        hanging.incrementAndGet();
        released.await();
        throw new IllegalStateException("Docker did not answer");
      default:
        // Command factories and their fluent with* methods: more of the same double.
        Class<?> type = method.getReturnType();
        if (type.isInterface()) {
          return proxy(type);
        }
        if (type == boolean.class) {
          return false;
        }
        return type == long.class ? 0L : type == int.class ? 0 : null;
    }
  }
}
