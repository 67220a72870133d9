package io.berth.engine.server;

import io.berth.engine.api.JoinToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a bearer token names ({@link ApiCaller}): an agent's instance credential, a join token (the
 * current one, or the previous one within its grace), or a named admin token. Owns the instance
 * credentials and the join tokens, so registration, revocation and rotation go through here.
 */
final class ApiAccess {
  private final List<AdminToken> admins;
  private final JoinTokens joinTokens;
  private final AgentCredentials credentials;

  private ApiAccess(List<AdminToken> admins, JoinTokens joinTokens, AgentCredentials credentials) {
    this.admins = admins;
    this.joinTokens = joinTokens;
    this.credentials = credentials;
  }

  /** The access rules {@code config} describes; keys are read from (or created in) its data directory. */
  static ApiAccess of(ControlPlaneConfig config, Clock clock) {
    ApiSecurity security = config.security();
    List<AdminToken> admins = new ArrayList<>(security.adminTokens());
    if (!config.adminToken().isBlank()) {
      admins.add(new AdminToken("", AdminScope.WRITE, config.adminToken()));
    }
    Optional<Path> dir = security.dataDir();
    String key;
    try {
      if (dir.isPresent()) {
        Path file = dir.get().resolve("instance-key");
        Optional<String> existing = SecretFiles.firstLine(file);
        key = existing.orElseGet(JoinToken::randomHex);
        if (existing.isEmpty()) {
          SecretFiles.write(file, key + "\n");
        }
      } else {
        key = JoinToken.randomHex();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the instance key in " + dir.get() + ": " + e.getMessage(), e);
    }
    JoinTokens join = new JoinTokens(config.joinToken(), security.joinGrace(), clock,
        dir.map(d -> d.resolve("join-token")), security.tls().map(ServerTls::caFingerprint));
    return new ApiAccess(List.copyOf(admins), join,
        new AgentCredentials(key, dir.map(d -> d.resolve("revoked-instances"))));
  }

  /** Who {@code token} names, if anyone. */
  Optional<ApiCaller> caller(String token) {
    Optional<String> instance = credentials.instance(token);
    if (instance.isPresent()) {
      return Optional.of(new ApiCaller.Instance(instance.get()));
    }
    if (joinTokens.accepts(token)) {
      return Optional.of(new ApiCaller.Joining());
    }
    return AdminTokens.match(admins, token).map(admin -> new ApiCaller.Admin(admin.name(), admin.scope()));
  }

  /** The credential registration gives {@code instanceId}. */
  String credential(String instanceId) {
    return credentials.issue(instanceId);
  }

  boolean revoked(String instanceId) {
    return credentials.revoked(instanceId);
  }

  void revoke(String instanceId) {
    credentials.revoke(instanceId);
  }

  JoinTokens.Rotation rotateJoinToken() {
    return joinTokens.rotate();
  }
}
