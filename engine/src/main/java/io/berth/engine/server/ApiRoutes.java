package io.berth.engine.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.json.JsonProblems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The routes of the HTTP/JSON API, from an {@link ApiRequest} to an {@link ApiAnswer} ({@link
 * ApiServer} carries them). Every request names its caller by bearer token ({@link ApiCaller}): a
 * token that names nobody is a 401 that changes nothing, a caller the route does not serve a 403.
 * The join token only registers; an agent's instance credential syncs that instance and reads its
 * own tasks' secrets; admin tokens read the views ({@code read}) and also apply, revoke, rotate and
 * shut down ({@code write}). Every error is Berth's JSON ({@code {"error", "fix"}}).
 */
final class ApiRoutes {
  private static final System.Logger LOG = System.getLogger(ApiRoutes.class.getName());
  private static final String ROUTES_FIX = "see the routes in docs/agent-protocol.md (every one starts with /v1/)";

  private final ControlPlane plane;

  ApiRoutes(ControlPlane plane) {
    this.plane = plane;
  }

  /**
   * The answer to {@code request}, never an exception: a request Berth cannot use is a 400 saying
   * why, anything else a 500 whose details go to the control plane's log, never to the client.
   */
  ApiAnswer answer(ApiRequest request) {
    try {
      if (ApiRequest.percentDecoded(request.rawPath(), false).isEmpty()
          || request.rawQuery().map(q -> ApiRequest.percentDecoded(q, true).isEmpty()).orElse(false)) {
        return ApiAnswer.error(400, "the request target " + shortened(request.target()) + " has a malformed %-escape"
            + " (a % not followed by two hex digits)", "escape a % meant as itself as %25; " + ROUTES_FIX);
      }
      if (!request.rawPath().startsWith("/v1/")) {
        return notFound(request);
      }
      return route(request);
    } catch (IllegalArgumentException e) {
      return ApiAnswer.error(400, e.getMessage(), "see the routes and their bodies in docs/agent-protocol.md");
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "failed to answer " + request.method() + " " + request.rawPath(), e);
      return ApiAnswer.error(500, "the control plane failed to answer " + request.method() + " " + request.path(),
          "see the control plane's log (the output of berth up or berth server)");
    }
  }

  private ApiAnswer route(ApiRequest request) throws IOException {
    String method = request.method();
    String[] path = request.rawPath().substring("/v1/".length()).split("/");
    if (method.equals("POST") && path.length == 2 && path[0].equals("hooks") && path[1].equals("state")) {
      return hook(request); // signed by the Git host, which knows no bearer token
    }
    Optional<ApiCaller> caller = bearer(request).flatMap(plane::caller);
    if (caller.isEmpty()) {
      return ApiAnswer.error(401, "missing or wrong bearer token", "agents register with the join token and then"
          + " send the credential registration returned; admins send a token of berth server's --admin-tokens"
          + " (berth up writes its own to .berth/up.json)");
    }
    ApiCaller who = caller.get();
    if (method.equals("POST") && path.length == 1 && path[0].equals("instances")) {
      return register(request, who);
    } else if (method.equals("POST") && path.length == 3 && path[0].equals("instances") && path[2].equals("sync")) {
      return sync(request, who, decode(path[1]));
    } else if (method.equals("GET") && path.length >= 2 && path[0].equals("secrets")) {
      if (!(who instanceof ApiCaller.Instance instance)) {
        return forbidden(request, who, "secrets are read by the agent of the task's instance only",
            "agents read secrets with their instance credential");
      }
      return secret(request, path, instance.instanceId());
    } else if (method.equals("GET") && path[0].equals("discovery")) {
      return discovery(request, path); // what the agents' DNS answers: for agents and users alike
    } else if (!(who instanceof ApiCaller.Admin admin)) {
      return forbidden(request, who, "this route takes an admin token", "send a token of berth server's --admin-tokens");
    } else if (method.equals("GET") && path.length == 1 && !path[0].equals("shutdown") && !path[0].equals("apply")) {
      return view(request, path[0]);
    } else if (!admin.writes() && method.equals("POST")) {
      return forbidden(request, who, "admin token " + admin.tokenName() + " has scope read",
          "apply, revoke, rotate and shutdown take a token with scope write");
    } else if (method.equals("POST") && path.length == 3 && path[0].equals("instances") && path[2].equals("revoke")) {
      String instanceId = decode(path[1]);
      if (!plane.revoke(instanceId, who)) {
        return ApiAnswer.error(404, "unknown container instance " + instanceId, "see berth ps for the instance ids");
      }
      return ApiAnswer.json(200, Map.of("revoked", instanceId));
    } else if (method.equals("POST") && path.length == 1 && path[0].equals("join-token")) {
      JoinTokens.Rotation rotation = plane.rotateJoinToken(who);
      return ApiAnswer.json(200, Map.of("joinToken", rotation.token(),
          "previousValidUntil", rotation.previousValidUntil().toString()));
    } else if (method.equals("POST") && path.length == 1 && path[0].equals("apply")) {
      return apply(request, who);
    } else if (method.equals("POST") && path.length == 1 && path[0].equals("shutdown")) {
      ApiAnswer stopping = ApiAnswer.json(200, Map.of("stopping", true));
      plane.requestShutdown();
      return stopping;
    }
    return notFound(request);
  }

  /** {@code POST /v1/instances/{id}/sync}: the instance's agent reports and gets its tasks, blocking with {@code ?index=&wait=}. */
  private ApiAnswer sync(ApiRequest request, ApiCaller who, String instanceId) throws IOException {
    if (!(who instanceof ApiCaller.Instance instance) || !instance.instanceId().equals(instanceId)) {
      return forbidden(request, who, "only the agent of instance " + instanceId + " syncs it",
          "sync with the instance credential registration returned (the join token only registers)");
    }
    SyncRequest sync = readBody(request, SyncRequest.class);
    if (!request.clientWaiting().getAsBoolean()) {
      // The agent gave up on this exchange and closed its connection (an overloaded control plane
      // answered too late): folding its report, under the lock every sync and tick takes, would be
      // work for nobody; the agent reports again in its next sync.
      return gone(request);
    }
    Optional<String> foreign = AgentProtocol.foreignTask(plane.snapshot(), instanceId, sync);
    if (foreign.isPresent()) {
      return forbidden(request, who, "task " + foreign.get() + " is not assigned to instance " + instanceId,
          "an agent reports only the tasks assigned to its own instance");
    }
    if (!request.clientWaiting().getAsBoolean()) {
      return gone(request);
    }
    Duration wait = Duration.ofMillis(number(request, "wait"));
    Optional<BlockingSyncs.SyncAnswer> answer = plane.sync(instanceId, sync, wait, number(request, "index"));
    if (answer.isEmpty()) {
      return ApiAnswer.error(404, "unknown container instance " + instanceId,
          "register again with POST /v1/instances (send the old instanceId to keep it)");
    }
    long index = answer.get().index();
    // known=<index>: the agent holds that assignment and takes "unchanged" for it (an older agent
    // never sends it and always gets the tasks)
    boolean known = query(request, "known").isPresent() && number(request, "known") == index;
    return ApiAnswer.json(200, known ? SyncResponse.UNCHANGED : answer.get().response())
        .with(ApiServer.INDEX_HEADER, Long.toString(index));
  }

  /** {@code POST /v1/instances}: a join token registers a new instance, an instance credential its own again. */
  private ApiAnswer register(ApiRequest request, ApiCaller who) throws IOException {
    var registration = readBody(request, RegisterInstanceRequest.class);
    if (who instanceof ApiCaller.Instance instance
        && registration.instanceId().filter(id -> !id.equals(instance.instanceId())).isPresent()) {
      return forbidden(request, who, "this credential is instance " + instance.instanceId() + "'s, not "
          + registration.instanceId().get() + "'s", "register again with the instance's own credential or the join token");
    }
    if (who instanceof ApiCaller.Admin) {
      return forbidden(request, who, "admin tokens do not register instances", "agents register with the join token");
    }
    return ApiAnswer.json(200, plane.register(registration, request.remote().getAddress().getHostAddress(), who));
  }

  private ApiAnswer view(ApiRequest request, String name) {
    return switch (name) {
      case "status" -> ApiAnswer.json(200, plane.status());
      case "services" -> ApiAnswer.json(200, plane.status().services());
      case "tasks" -> ApiAnswer.json(200, plane.snapshot().tasks().values());
      case "instances" -> ApiAnswer.json(200, plane.snapshot().instances().values());
      case "deployments" -> ApiAnswer.json(200, deployments(plane.snapshot()));
      case "events" -> ApiAnswer.json(200, plane.events(number(request, "since")));
      default -> notFound(request);
    };
  }

  private static ApiAnswer forbidden(ApiRequest request, ApiCaller who, String error, String fix) {
    LOG.log(System.Logger.Level.WARNING, "refused " + request.method() + " " + request.rawPath() + " from " + who.name()
        + " at " + request.remote() + ": " + error);
    return ApiAnswer.error(403, error, fix);
  }

  private static Optional<String> bearer(ApiRequest request) {
    return request.header("Authorization").filter(h -> h.startsWith("Bearer "))
        .map(h -> h.substring("Bearer ".length()).trim());
  }

  /**
   * {@code GET /v1/discovery} (every name, {@code ?cluster=} narrows to one cluster's) and
   * {@code GET /v1/discovery/{namespace}/{name}}: the names the agents' DNS answers, to any caller the API knows (an agent, a joining host, an admin).
   */
  private ApiAnswer discovery(ApiRequest request, String[] path) {
    Optional<String> cluster = query(request, "cluster").filter(c -> !c.equals("*"));
    List<DiscoveryEntry> entries = plane.discovery().stream()
        .filter(e -> cluster.map(c -> c.equals(e.cluster())).orElse(true)).toList();
    if (path.length == 1) {
      return ApiAnswer.json(200, entries);
    }
    if (path.length != 3) {
      return notFound(request);
    }
    String dnsName = (decode(path[2]) + "." + decode(path[1])).toLowerCase(java.util.Locale.ROOT);
    List<DiscoveryEntry> found = entries.stream().filter(e -> e.dnsName().equals(dnsName)).toList();
    if (found.isEmpty()) {
      return ApiAnswer.error(404, "no service registers " + dnsName + " in service discovery",
          "declare serviceDiscovery(sd -> sd.namespace(\"" + decode(path[1]) + "\").name(\"" + decode(path[2])
              + "\")) on a service and apply; GET /v1/discovery lists the names known");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(dnsName + " is registered in clusters "
          + found.stream().map(DiscoveryEntry::cluster).toList() + "; add ?cluster=NAME");
    }
    return ApiAnswer.json(200, found.get(0));
  }

  /** {@code berth apply --desired} through a running {@code berth up}: 404 (as an older server) when not served. */
  private ApiAnswer apply(ApiRequest request, ApiCaller who) throws IOException {
    Optional<ApplyResponse> response = plane.apply(readBody(request, ApplyRequest.class), who);
    return response.isEmpty() ? notFound(request) : ApiAnswer.json(200, response.get());
  }

  /** A Git host's webhook: the state's remote moved, fetch it now. */
  private ApiAnswer hook(ApiRequest request) throws IOException {
    ControlPlane.Hook answer = plane.webhook(new ByteArrayInputStream(request.body()),
        request.header(WebhookSignature.GITHUB), request.header(WebhookSignature.GITLAB));
    return switch (answer) {
      case FETCHING -> ApiAnswer.json(202, Map.of("fetching", true));
      case REFUSED -> ApiAnswer.error(401, "the webhook is not signed with this control plane's secret",
          "give the Git host the secret of --webhook-secret-file (GitHub signs with X-Hub-Signature-256, GitLab"
              + " sends X-Gitlab-Token)");
      case NOT_SERVED -> ApiAnswer.error(404, "this control plane follows no remote state with a webhook",
          "start berth server with --state <Git URL> and --webhook-secret-file FILE (or BERTH_WEBHOOK_SECRET)");
    };
  }

  private ApiAnswer secret(ApiRequest request, String[] path, String instanceId) {
    String name = decode(String.join("/", Arrays.copyOfRange(path, 1, path.length)));
    Optional<String> taskId = query(request, "taskId");
    if (taskId.isEmpty()) {
      return ApiAnswer.error(400, "taskId is missing", "call GET /v1/secrets/" + name + "?taskId=<task id>");
    }
    SecretPolicy.SecretAnswer answer = plane.secret(name, taskId.get(), instanceId);
    return answer.value().isPresent() ? ApiAnswer.json(200, answer.value().get())
        : ApiAnswer.error(answer.status(), answer.error(), answer.fix());
  }

  /** The answer to a request whose client has gone: nobody reads it. */
  private static ApiAnswer gone(ApiRequest request) {
    return ApiAnswer.error(408, "the client closed the connection before " + request.method() + " " + request.path()
        + " was answered", "keep the connection open until the answer arrives");
  }

  private static ApiAnswer notFound(ApiRequest request) {
    return ApiAnswer.error(404, "no route " + request.method() + " " + request.path(), ROUTES_FIX);
  }

  private static <T> T readBody(ApiRequest request, Class<T> type) throws IOException {
    T body;
    try {
      body = RuntimeJson.mapper().readValue(request.body(), type);
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
  private static long number(ApiRequest request, String name) {
    Optional<String> value = query(request, name);
    try {
      long number = value.map(Long::parseLong).orElse(0L);
      if (number < 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("query parameter " + name + "=" + value.orElse("") + " is not a whole number"
          + " of zero or more (" + (name.equals("since") ? "since is the seq of the last event seen"
          : "wait is in milliseconds, index and known are the " + ApiServer.INDEX_HEADER + " of the last answer") + ")");
    }
  }

  private static Optional<String> query(ApiRequest request, String name) {
    Optional<String> raw = request.rawQuery();
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : raw.get().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
        return Optional.of(decode(pair.substring(eq + 1)));
      }
    }
    return Optional.empty();
  }

  /** A path segment or query part decoded as a form value ({@code +} is a space), as the API always read them. */
  private static String decode(String value) {
    return ApiRequest.percentDecoded(value, true).orElseThrow(() -> new IllegalArgumentException(
        "the request target has a malformed %-escape in " + shortened(value)));
  }

  private static String shortened(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** Every service's deployments (PRIMARY first), keyed {@code cluster/service}. */
  private static Map<String, List<Deployment>> deployments(ControlPlaneSnapshot snapshot) {
    Map<String, List<Deployment>> byService = new TreeMap<>();
    snapshot.runtimes().forEach((key, runtime) -> byService.put(key, runtime.deployments()));
    return byService;
  }
}
