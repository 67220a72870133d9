package io.berth.engine.state;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * SSH for a remote state (JGit over Apache MINA sshd): the keys are {@code BERTH_GIT_SSH_KEY} when
 * set, else the usual {@code ~/.ssh/id_*}; the server's key must be in {@code ~/.ssh/known_hosts},
 * unless {@code acceptNewHostKey} lets a host seen for the first time in (its key is then added
 * there, as OpenSSH's {@code StrictHostKeyChecking accept-new} does). A key that differs from the
 * known one is always refused. {@code ~} is the {@code HOME} of the state's environment.
 *
 * <p>The server key check is JGit's own; this class only decides the policy and remembers a
 * refused key, so that the failure can name the host, the fingerprint and the fix instead of
 * JGit's "Server key did not validate".
 */
final class SshSessions extends SshdSessionFactory {
  private static final String KEX_ALGORITHMS = "KexAlgorithms";
  /** OpenSSH's "^": these first, every other algorithm after them, as the defaults order them. */
  private static final String FAST_KEX_FIRST = "^curve25519-sha256,curve25519-sha256@libssh.org";
  private final Optional<Path> key;
  private final boolean acceptNewHostKey;
  private volatile Optional<RefusedHostKey> refused = Optional.empty();

  /** The host key a connection refused: the host, the key's fingerprint and whether another key is known for it. */
  record RefusedHostKey(String host, String fingerprint, boolean changed, File knownHosts) {}

  SshSessions(StateAccess access) {
    super(new JGitKeyCache(), null);
    this.key = access.variable("BERTH_GIT_SSH_KEY").map(Path::of);
    this.acceptNewHostKey = access.acceptNewHostKey();
    File home = new File(access.variable("HOME").orElse(System.getProperty("user.home")));
    setHomeDirectory(home);
    setSshDirectory(new File(home, ".ssh"));
  }

  /** The last host key refused, if a connection failed on one. */
  Optional<RefusedHostKey> refused() {
    return refused;
  }

  /** Whether {@code BERTH_GIT_SSH_KEY} names the key (else ~/.ssh/id_*): for the error message. */
  Optional<Path> keyFile() {
    return key;
  }

  @Override
  protected List<Path> getDefaultIdentities(File sshDir) {
    return key.map(List::of).orElseGet(() -> super.getDefaultIdentities(sshDir));
  }

  @Override
  protected String getDefaultPreferredAuthentications() {
    return "publickey"; // never a password prompt: nobody is there to answer it
  }

  /**
   * The user's {@code ~/.ssh/config}, with one default of berth's: unless it names
   * {@code KexAlgorithms}, curve25519 is proposed first. OpenSSH 9 servers otherwise agree on the
   * post-quantum hybrid {@code sntrup761x25519}, whose key generation in Java (BouncyCastle) took
   * 0.7 s of CPU on a cold {@code berth plan}, as much as the rest of a small plan.
   */
  @Override
  protected SshConfigStore createSshConfigStore(File homeDir, File configFile, String localUserName) {
    SshConfigStore user = super.createSshConfigStore(homeDir, configFile, localUserName);
    return new SshConfigStore() {
      @Override
      public HostConfig lookup(String hostName, int port, String userName) {
        return withFastKex(user.lookup(hostName, port, userName));
      }

      @Override
      public HostConfig lookupDefault(String hostName, int port, String userName) {
        return withFastKex(user.lookupDefault(hostName, port, userName));
      }
    };
  }

  private static SshConfigStore.HostConfig withFastKex(SshConfigStore.HostConfig config) {
    if (config.getValue(KEX_ALGORITHMS) != null) {
      return config;
    }
    Map<String, String> options = new HashMap<>(config.getOptions());
    options.put(KEX_ALGORITHMS, FAST_KEX_FIRST);
    return new SshConfigStore.HostConfig() {
      @Override
      public String getValue(String key) {
        return KEX_ALGORITHMS.equalsIgnoreCase(key) ? FAST_KEX_FIRST : config.getValue(key);
      }

      @Override
      public List<String> getValues(String key) {
        return config.getValues(key);
      }

      @Override
      public Map<String, String> getOptions() {
        return options;
      }

      @Override
      public Map<String, List<String>> getMultiValuedOptions() {
        return config.getMultiValuedOptions();
      }
    };
  }

  @Override
  protected ServerKeyDatabase createServerKeyDatabase(File homeDir, File sshDir) {
    ServerKeyDatabase known = super.createServerKeyDatabase(homeDir, sshDir);
    File knownHosts = new File(sshDir, "known_hosts");
    return new ServerKeyDatabase() {
      @Override
      public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return known.lookup(connectAddress, remoteAddress, config);
      }

      @Override
      public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
          Configuration config, CredentialsProvider provider) {
        Configuration policy = withPolicy(config, acceptNewHostKey
            ? Configuration.StrictHostKeyChecking.ACCEPT_NEW : Configuration.StrictHostKeyChecking.REQUIRE_MATCH);
        boolean accepted = known.accept(connectAddress, remoteAddress, serverKey, policy, null);
        if (!accepted) {
          boolean changed = !known.lookup(connectAddress, remoteAddress, config).isEmpty();
          refused = Optional.of(new RefusedHostKey(connectAddress, KeyUtils.getFingerPrint(serverKey), changed,
              knownHosts));
        }
        return accepted;
      }
    };
  }

  private static ServerKeyDatabase.Configuration withPolicy(ServerKeyDatabase.Configuration config,
      ServerKeyDatabase.Configuration.StrictHostKeyChecking policy) {
    return new ServerKeyDatabase.Configuration() {
      @Override
      public List<String> getUserKnownHostsFiles() {
        return config.getUserKnownHostsFiles();
      }

      @Override
      public List<String> getGlobalKnownHostsFiles() {
        return config.getGlobalKnownHostsFiles();
      }

      @Override
      public StrictHostKeyChecking getStrictHostKeyChecking() {
        return policy;
      }

      @Override
      public boolean getHashKnownHosts() {
        return config.getHashKnownHosts();
      }

      @Override
      public String getUsername() {
        return config.getUsername();
      }
    };
  }
}
