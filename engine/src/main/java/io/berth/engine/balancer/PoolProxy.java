package io.berth.engine.balancer;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's reverse proxy, routing each request to a target of the listener's {@link TargetPool} and
 * counting what the target answered and how long it took. A request that could not reach its
 * target is sent to another one (at most {@link TargetPool#MAX_ATTEMPTS} in all) when that is safe:
 * it has no body and either the connection failed or the method is idempotent (GET, HEAD, OPTIONS)
 * and the target answered nothing, as nginx's {@code proxy_next_upstream error} does. Each such
 * failure counts against the target (enough in a row make it UNHEALTHY at once); when no target is
 * left the client gets ELB's answers: 503 without a target, 502 when none could be reached, 504 on
 * a timeout. Like ELB it adds X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Port.
 */
final class PoolProxy extends ProxyHandler {
  private static final String POOL = "berth.pool";
  private static final String TARGET = "berth.target";
  private static final String TRIED = "berth.tried";
  private static final String STARTED = "berth.started";

  private final IntFunction<TargetPool> pools;
  private final Supplier<HttpClient> clients;
  private final Duration idleTimeout;

  PoolProxy(IntFunction<TargetPool> pools, Supplier<HttpClient> clients, Duration idleTimeout) {
    this.pools = pools;
    this.clients = clients;
    this.idleTimeout = idleTimeout;
  }

  @Override
  protected HttpClient newHttpClient() {
    return clients.get();
  }

  /**
   * Handling never blocks (the target is an address, the client is asynchronous): Jetty may run it on
   * the thread that read the request rather than hand it to another one.
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    TargetPool pool = pools.apply(Request.getLocalPort(request));
    if (pool == null) {
      Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "no listener on this port");
      return true;
    }
    request.setAttribute(POOL, pool);
    request.setAttribute(STARTED, System.nanoTime());
    return send(pool, request, response, callback, new HashSet<>());
  }

  private boolean send(TargetPool pool, Request request, Response response, Callback callback, Set<Target> tried) {
    Optional<Target> target = pool.acquire(tried);
    if (target.isEmpty()) {
      pool.failed();
      int status = tried.isEmpty() ? HttpStatus.SERVICE_UNAVAILABLE_503 : HttpStatus.BAD_GATEWAY_502;
      Response.writeError(request, response, callback, status,
          tried.isEmpty() ? "no healthy target" : "no target could be reached");
      return true;
    }
    request.setAttribute(TARGET, target.get());
    request.setAttribute(TRIED, tried);
    return super.handle(request, response, callback);
  }

  @Override
  protected HttpURI rewriteHttpURI(Request request) {
    Target target = (Target) request.getAttribute(TARGET);
    String host = target.address.getAddress().getHostAddress();
    return HttpURI.build(request.getHttpURI()).scheme("http")
        .host(host.contains(":") ? "[" + host + "]" : host).port(target.address.getPort());
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
    return super.newProxyToServerRequest(request, uri).idleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request proxied) {
    String client = Request.getRemoteAddr(request);
    String before = request.getHeaders().get("X-Forwarded-For");
    proxied.headers(headers -> headers
        .put("X-Forwarded-For", before == null ? client : before + ", " + client)
        .put("X-Forwarded-Proto", "http")
        .put("X-Forwarded-Port", Integer.toString(Request.getLocalPort(request))));
  }

  @Override
  protected void onProxyToClientResponseComplete(Request request, org.eclipse.jetty.client.Request proxied,
      org.eclipse.jetty.client.Response answer, Response response, Callback callback) {
    TargetPool pool = (TargetPool) request.getAttribute(POOL);
    Target target = (Target) request.getAttribute(TARGET);
    pool.answered(target, answer.getStatus(), System.nanoTime() - (long) request.getAttribute(STARTED));
    pool.release(target);
    super.onProxyToClientResponseComplete(request, proxied, answer, response, callback);
  }

  @Override
  protected void onProxyToClientResponseFailure(Request request, org.eclipse.jetty.client.Request proxied,
      org.eclipse.jetty.client.Response answer, Response response, Callback callback, Throwable failure) {
    // The client went away: the target did its part.
    ((TargetPool) request.getAttribute(POOL)).release((Target) request.getAttribute(TARGET));
    super.onProxyToClientResponseFailure(request, proxied, answer, response, callback, failure);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request proxied,
      org.eclipse.jetty.client.Response answer, Response response, Callback callback, Throwable failure) {
    TargetPool pool = (TargetPool) request.getAttribute(POOL);
    Target target = (Target) request.getAttribute(TARGET);
    Set<Target> tried = (Set<Target>) request.getAttribute(TRIED);
    pool.release(target);
    boolean timeout = failure instanceof TimeoutException;
    boolean noConnection = connectFailure(failure);
    boolean nothingAnswered = (answer == null || answer.getStatus() == 0) && !response.isCommitted();
    if (!timeout) {
      pool.unreachable(target, describe(failure, noConnection));
    }
    boolean safe = !hasBody(request) && (noConnection || (idempotent(request) && !timeout));
    if (safe && nothingAnswered && tried.size() + 1 < TargetPool.MAX_ATTEMPTS) {
      tried.add(target);
      send(pool, request, response, callback, tried);
      return;
    }
    pool.failed();
    super.onServerToProxyResponseFailure(request, proxied, answer, response, callback, failure);
  }

  private static boolean connectFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException
          || (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).contains("Connect"))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure, boolean noConnection) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return (noConnection ? "" : "the connection failed: ") + what.toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean idempotent(Request request) {
    String method = request.getMethod();
    return HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method) || HttpMethod.OPTIONS.is(method);
  }

  private static boolean hasBody(Request request) {
    return request.getLength() > 0 || request.getHeaders().get(HttpHeader.CONTENT_TYPE) != null
        || request.getHeaders().get(HttpHeader.TRANSFER_ENCODING) != null;
  }
}
