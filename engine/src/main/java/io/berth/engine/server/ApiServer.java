package io.berth.engine.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.json.JsonProblems;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP/JSON API on the JDK's HTTP server (HTTPS with the cluster's certificate when configured).
 * Every request names its caller by bearer token ({@link ApiCaller}): a token that names nobody is a
 * 401 that changes nothing, a caller the route does not serve a 403. The join token only registers;
 * an agent's instance credential syncs that instance and reads its own tasks' secrets; admin
 * tokens read the views ({@code read}) and also apply, revoke, rotate and shut down ({@code write}).
 */
final class ApiServer {
  /** Response header of a sync: the assignment's index, for the next blocking sync ({@code ?index=..&wait=ms}). */
  static final String INDEX_HEADER = ControlPlaneClient.INDEX_HEADER;

  /** The JDK HTTP server's switch for TCP_NODELAY on the connections it accepts (off unless set). */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());

  static {
    // The JDK's server writes a response's headers and its body as two TCP segments. With Nagle's
    // algorithm on, the body waits for the client's ACK of the headers, which Linux delays up to
    // 40 ms on a kept-alive connection: every sync answer, apply and status reached its client
    // about 44 ms late (2 ms with the option, measured on loopback). The server reads the property
    // once, when the first server of the JVM starts, so it is set before this class creates one;
    // a value the user set on the command line is left alone.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  private final ControlPlane plane;
  private final HttpServer server;
  private final ExecutorService executor;

  ApiServer(ControlPlane plane, InetSocketAddress listen, Optional<ServerTls> tls) throws IOException {
    this.plane = plane;
    if (tls.isPresent()) {
      HttpsServer https = HttpsServer.create(listen, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.get().context()));
      this.server = https;
    } else {
      this.server = HttpServer.create(listen, 64);
    }
    // Not a fixed pool: each agent's blocking sync holds a thread for up to BlockingSyncs.MAX_SYNC_WAIT.
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "berth-api");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/v1/", this::handle);
    // every other path: Berth's JSON 404, not the JDK server's HTML page
    server.createContext("/", exchange -> answer(exchange, () -> notFound(exchange)));
  }

  void start() {
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    answer(exchange, () -> route(exchange));
  }

  /** What a handler does; it may fail, the answer is still Berth's JSON. */
  private interface Route {
    void run() throws IOException;
  }

  /**
   * Runs {@code route} and turns its failures into Berth's JSON errors: a request Berth cannot use
   * is a 400 saying why, anything else a 500 whose details go to the control plane's log, never
   * to the client.
   */
  private static void answer(HttpExchange exchange, Route route) throws IOException {
    // Closed only after the catch blocks have answered: try-with-resources would close it first,
    // and a 400 or 500 would reach the client as a connection closed without an answer.
    try {
      route.run();
    } catch (IllegalArgumentException e) {
      HttpExchanges.error(exchange, 400, e.getMessage(), "see the routes and their bodies in docs/agent-protocol.md");
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "failed to answer " + exchange.getRequestMethod() + " "
          + exchange.getRequestURI().getRawPath(), e);
      HttpExchanges.error(exchange, 500, "the control plane failed to answer " + exchange.getRequestMethod() + " "
          + exchange.getRequestURI().getPath(), "see the control plane's log (the output of berth up or berth server)");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String[] path = exchange.getRequestURI().getRawPath().substring("/v1/".length()).split("/");
    if (method.equals("POST") && path.length == 2 && path[0].equals("hooks") && path[1].equals("state")) {
      hook(exchange); // signed by the Git host, which knows no bearer token
      return;
    }
    Optional<ApiCaller> caller = bearer(exchange).flatMap(plane::caller);
    if (caller.isEmpty()) {
      HttpExchanges.error(exchange, 401, "missing or wrong bearer token", "agents register with the join token and then"
          + " send the credential registration returned; admins send a token of berth server's --admin-tokens"
          + " (berth up writes its own to .berth/up.json)");
      return;
    }
    ApiCaller who = caller.get();
    if (method.equals("POST") && path.length == 1 && path[0].equals("instances")) {
      register(exchange, who);
    } else if (method.equals("POST") && path.length == 3 && path[0].equals("instances") && path[2].equals("sync")) {
      String instanceId = decode(path[1]);
      if (!(who instanceof ApiCaller.Instance instance) || !instance.instanceId().equals(instanceId)) {
        forbidden(exchange, who, "only the agent of instance " + instanceId + " syncs it",
            "sync with the instance credential registration returned (the join token only registers)");
        return;
      }
      SyncRequest request = readBody(exchange, SyncRequest.class);
      Optional<String> foreign = AgentProtocol.foreignTask(plane.snapshot(), instanceId, request);
      if (foreign.isPresent()) {
        forbidden(exchange, who, "task " + foreign.get() + " is not assigned to instance " + instanceId,
            "an agent reports only the tasks assigned to its own instance");
        return;
      }
      Duration wait = Duration.ofMillis(number(exchange, "wait"));
      Optional<BlockingSyncs.SyncAnswer> answer = plane.sync(instanceId, request, wait, number(exchange, "index"));
      if (answer.isEmpty()) {
        HttpExchanges.error(exchange, 404, "unknown container instance " + instanceId,
            "register again with POST /v1/instances (send the old instanceId to keep it)");
      } else {
        long index = answer.get().index();
        exchange.getResponseHeaders().set(INDEX_HEADER, Long.toString(index));
        // known=<index>: the agent holds that assignment and takes "unchanged" for it (an older agent
        // never sends it and always gets the tasks)
        boolean known = query(exchange, "known").isPresent() && number(exchange, "known") == index;
        HttpExchanges.json(exchange, 200, known ? SyncResponse.UNCHANGED : answer.get().response());
      }
    } else if (method.equals("GET") && path.length >= 2 && path[0].equals("secrets")) {
      if (!(who instanceof ApiCaller.Instance instance)) {
        forbidden(exchange, who, "secrets are read by the agent of the task's instance only",
            "agents read secrets with their instance credential");
        return;
      }
      secret(exchange, path, instance.instanceId());
    } else if (method.equals("GET") && path[0].equals("discovery")) {
      discovery(exchange, path); // what the agents' DNS answers: for agents and users alike
    } else if (!(who instanceof ApiCaller.Admin admin)) {
      forbidden(exchange, who, "this route takes an admin token", "send a token of berth server's --admin-tokens");
    } else if (method.equals("GET") && path.length == 1 && !path[0].equals("shutdown") && !path[0].equals("apply")) {
      view(exchange, path[0]);
    } else if (!admin.writes() && method.equals("POST")) {
      forbidden(exchange, who, "admin token " + admin.tokenName() + " has scope read",
          "apply, revoke, rotate and shutdown take a token with scope write");
    } else if (method.equals("POST") && path.length == 3 && path[0].equals("instances") && path[2].equals("revoke")) {
      String instanceId = decode(path[1]);
      if (!plane.revoke(instanceId, who)) {
        HttpExchanges.error(exchange, 404, "unknown container instance " + instanceId, "see berth ps for the instance ids");
        return;
      }
      HttpExchanges.json(exchange, 200, Map.of("revoked", instanceId));
    } else if (method.equals("POST") && path.length == 1 && path[0].equals("join-token")) {
      JoinTokens.Rotation rotation = plane.rotateJoinToken(who);
      HttpExchanges.json(exchange, 200, Map.of("joinToken", rotation.token(),
          "previousValidUntil", rotation.previousValidUntil().toString()));
    } else if (method.equals("POST") && path.length == 1 && path[0].equals("apply")) {
      apply(exchange, who);
    } else if (method.equals("POST") && path.length == 1 && path[0].equals("shutdown")) {
      HttpExchanges.json(exchange, 200, Map.of("stopping", true));
      plane.requestShutdown();
    } else {
      notFound(exchange);
    }
  }

  /** {@code POST /v1/instances}: a join token registers a new instance, an instance credential its own again. */
  private void register(HttpExchange exchange, ApiCaller who) throws IOException {
    var request = readBody(exchange, RegisterInstanceRequest.class);
    if (who instanceof ApiCaller.Instance instance && request.instanceId().filter(id -> !id.equals(instance.instanceId()))
        .isPresent()) {
      forbidden(exchange, who, "this credential is instance " + instance.instanceId() + "'s, not "
          + request.instanceId().get() + "'s", "register again with the instance's own credential or the join token");
      return;
    }
    if (who instanceof ApiCaller.Admin) {
      forbidden(exchange, who, "admin tokens do not register instances", "agents register with the join token");
      return;
    }
    HttpExchanges.json(exchange, 200, plane.register(request, exchange.getRemoteAddress().getAddress().getHostAddress(),
        who));
  }

  private void view(HttpExchange exchange, String name) throws IOException {
    switch (name) {
      case "status" -> HttpExchanges.json(exchange, 200, plane.status());
      case "services" -> HttpExchanges.json(exchange, 200, plane.status().services());
      case "tasks" -> HttpExchanges.json(exchange, 200, plane.snapshot().tasks().values());
      case "instances" -> HttpExchanges.json(exchange, 200, plane.snapshot().instances().values());
      case "deployments" -> HttpExchanges.json(exchange, 200, deployments(plane.snapshot()));
      case "events" -> HttpExchanges.json(exchange, 200, plane.events(number(exchange, "since")));
      default -> notFound(exchange);
    }
  }

  private static void forbidden(HttpExchange exchange, ApiCaller who, String error, String fix) throws IOException {
    LOG.log(System.Logger.Level.WARNING, "refused " + exchange.getRequestMethod() + " "
        + exchange.getRequestURI().getRawPath() + " from " + who.name() + " at " + exchange.getRemoteAddress() + ": " + error);
    HttpExchanges.error(exchange, 403, error, fix);
  }

  private static Optional<String> bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return Optional.empty();
    }
    return Optional.of(header.substring("Bearer ".length()).trim());
  }

  /**
   * {@code GET /v1/discovery} (every name, {@code ?cluster=} narrows to one cluster's) and
   * {@code GET /v1/discovery/{namespace}/{name}}: the names the agents' DNS answers, to any caller the API knows (an agent, a joining host, an admin).
   */
  private void discovery(HttpExchange exchange, String[] path) throws IOException {
    Optional<String> cluster = query(exchange, "cluster").filter(c -> !c.equals("*"));
    List<DiscoveryEntry> entries = plane.discovery().stream()
        .filter(e -> cluster.map(c -> c.equals(e.cluster())).orElse(true)).toList();
    if (path.length == 1) {
      HttpExchanges.json(exchange, 200, entries);
      return;
    }
    if (path.length != 3) {
      notFound(exchange);
      return;
    }
    String dnsName = (decode(path[2]) + "." + decode(path[1])).toLowerCase(java.util.Locale.ROOT);
    List<DiscoveryEntry> found = entries.stream().filter(e -> e.dnsName().equals(dnsName)).toList();
    if (found.isEmpty()) {
      HttpExchanges.error(exchange, 404, "no service registers " + dnsName + " in service discovery",
          "declare serviceDiscovery(sd -> sd.namespace(\"" + decode(path[1]) + "\").name(\"" + decode(path[2])
              + "\")) on a service and apply; GET /v1/discovery lists the names known");
      return;
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(dnsName + " is registered in clusters "
          + found.stream().map(DiscoveryEntry::cluster).toList() + "; add ?cluster=NAME");
    }
    HttpExchanges.json(exchange, 200, found.get(0));
  }

  /** {@code berth apply --desired} through a running {@code berth up}: 404 (as an older server) when not served. */
  private void apply(HttpExchange exchange, ApiCaller who) throws IOException {
    Optional<ApplyResponse> response = plane.apply(readBody(exchange, ApplyRequest.class), who);
    if (response.isEmpty()) {
      notFound(exchange);
      return;
    }
    HttpExchanges.json(exchange, 200, response.get());
  }

  /** A Git host's webhook: the state's remote moved, fetch it now. */
  private void hook(HttpExchange exchange) throws IOException {
    ControlPlane.Hook answer;
    try (InputStream in = exchange.getRequestBody()) {
      answer = plane.webhook(in, Optional.ofNullable(exchange.getRequestHeaders().getFirst(WebhookSignature.GITHUB)),
          Optional.ofNullable(exchange.getRequestHeaders().getFirst(WebhookSignature.GITLAB)));
    }
    switch (answer) {
      case FETCHING -> HttpExchanges.json(exchange, 202, Map.of("fetching", true));
      case REFUSED -> HttpExchanges.error(exchange, 401, "the webhook is not signed with this control plane's secret",
          "give the Git host the secret of --webhook-secret-file (GitHub signs with X-Hub-Signature-256, GitLab"
              + " sends X-Gitlab-Token)");
      case NOT_SERVED -> HttpExchanges.error(exchange, 404, "this control plane follows no remote state with a webhook",
          "start berth server with --state <Git URL> and --webhook-secret-file FILE (or BERTH_WEBHOOK_SECRET)");
      default -> throw new IllegalStateException(answer.toString());
    }
  }

  private void secret(HttpExchange exchange, String[] path, String instanceId) throws IOException {
    String name = decode(String.join("/", Arrays.copyOfRange(path, 1, path.length)));
    Optional<String> taskId = query(exchange, "taskId");
    if (taskId.isEmpty()) {
      HttpExchanges.error(exchange, 400, "taskId is missing", "call GET /v1/secrets/" + name + "?taskId=<task id>");
      return;
    }
    SecretPolicy.SecretAnswer answer = plane.secret(name, taskId.get(), instanceId);
    if (answer.value().isPresent()) {
      HttpExchanges.json(exchange, 200, answer.value().get());
    } else {
      HttpExchanges.error(exchange, answer.status(), answer.error(), answer.fix());
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    HttpExchanges.error(exchange, 404, "no route " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
        "see the routes in docs/agent-protocol.md (every one starts with /v1/)");
  }

  private static <T> T readBody(HttpExchange exchange, Class<T> type) throws IOException {
    T body;
    try (InputStream in = exchange.getRequestBody()) {
      body = RuntimeJson.mapper().readValue(in, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read the body as a " + type.getSimpleName() + ": "
          + JsonProblems.describe(e));
    }
    if (body == null) {
      throw new IllegalArgumentException("the body is null; send a " + type.getSimpleName() + " object");
    }
    return body;
  }

  /** A non-negative whole-number query parameter, 0 when absent. */
  private static long number(HttpExchange exchange, String name) {
    Optional<String> value = query(exchange, name);
    try {
      long number = value.map(Long::parseLong).orElse(0L);
      if (number < 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("query parameter " + name + "=" + value.orElse("") + " is not a whole number"
          + " of zero or more (" + (name.equals("since") ? "since is the seq of the last event seen"
          : "wait is in milliseconds, index and known are the " + INDEX_HEADER + " of the last answer") + ")");
    }
  }

  private static Optional<String> query(HttpExchange exchange, String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return Optional.empty();
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
        return Optional.of(decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** Every service's deployments (PRIMARY first), keyed {@code cluster/service}. */
  private static Map<String, List<Deployment>> deployments(ControlPlaneSnapshot snapshot) {
    Map<String, List<Deployment>> byService = new TreeMap<>();
    snapshot.runtimes().forEach((key, runtime) -> byService.put(key, runtime.deployments()));
    return byService;
  }
}
