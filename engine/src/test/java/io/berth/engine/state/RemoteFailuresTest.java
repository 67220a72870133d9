package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.errors.TransportException;
import org.junit.jupiter.api.Test;

/**
 * The failures the real-server tests cannot provoke on this machine, as JGit reports them: a full
 * disk under the cache, a host name that does not resolve. (Refused connections, credentials, host
 * keys, missing repositories and dropped pushes are tested against real servers.)
 */
class RemoteFailuresTest {
  static final RemoteFailures.Context SSH = new RemoteFailures.Context("ssh://git@host/state.git", "ssh",
      Path.of(".berth/cache/host-state-0123456789"), Optional.empty(), "", Optional.empty());

  @Test
  void aFullDiskUnderTheCacheNamesTheCacheAndTheFix() {
    StateException e = RemoteFailures.explain("fetch the state from", new TransportException("ssh://git@host/state.git:"
        + " error writing pack", new IOException("No space left on device")), SSH);
    assertThat(e.getMessage()).isEqualTo("cannot fetch the state from ssh://git@host/state.git: the disk holding the"
        + " cache .berth/cache/host-state-0123456789 is full; free some space there or point --state-cache"
        + " (BERTH_STATE_CACHE) at another disk; the remote state was not changed");
  }

  @Test
  void aRemoteThatCannotStoreThePushNamesItsDiskAndPermissions() {
    // what JGit reports when git daemon's receive-pack fails to unpack (the chaos suite's full tmpfs)
    StateException e = RemoteFailures.explain("push refs/heads/main to", new TransportException(
        "git://127.0.0.1/state.git: error occurred during unpacking on the remote end: unpack-objects abnormal exit"),
        SSH);
    assertThat(e.getMessage()).isEqualTo("cannot push refs/heads/main to ssh://git@host/state.git: the Git server could"
        + " not store the pushed objects (it said: error occurred during unpacking on the"
        + " remote end: unpack-objects abnormal exit); check that the disk holding its repository has space and that"
        + " the repository is writable by the server, then run the command again (nothing was changed)");
  }

  @Test
  void anUnknownHostNamesTheUrlAndDns() {
    StateException e = RemoteFailures.explain("fetch the state from", new TransportException("ssh://git@host/state.git",
        new UnknownHostException("host")), SSH);
    assertThat(e.getMessage()).startsWith("cannot reach ssh://git@host/state.git: its host name does not resolve");
  }

  @Test
  void anythingElseQuotesTheRemoteWithoutAJavaClassName() {
    StateException e = RemoteFailures.explain("push refs/heads/main to", new TransportException(
        "ssh://git@host/state.git: remote hung up unexpectedly"), SSH);
    assertThat(e.getMessage()).isEqualTo("cannot push refs/heads/main to ssh://git@host/state.git: remote hung up"
        + " unexpectedly; check the URL, the network and the Git server, then run the command again (nothing was"
        + " changed)");
  }
}
