package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ApplyRequest;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the served apply reads the directory a client names. */
class ServedApplyTest {
  /** As the CLI tests name their first desired state: a relative directory. */
  static final String V1 = Path.of("src/test/resources/desired/v1").toString();

  @TempDir Path tmp;

  @Test
  void aRelativeDirectoryIsReadWhereTheClientRuns() {
    String here = Path.of("").toAbsolutePath().toString();
    assertThat(ServedApply.desiredDirectory(new ApplyRequest(V1, here, Optional.empty(), false)))
        .isEqualTo(Path.of(V1));
    assertThat(ServedApply.desiredDirectory(new ApplyRequest(V1, tmp.toString(), Optional.empty(), false)))
        .isEqualTo(tmp.resolve(V1));
    assertThat(ServedApply.desiredDirectory(new ApplyRequest("/abs/dir", tmp.toString(), Optional.empty(), false)))
        .isEqualTo(Path.of("/abs/dir"));
  }
}
