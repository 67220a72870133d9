package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Webhook signatures as GitHub and GitLab send them. */
class WebhookSignatureTest {
  static final String SECRET = "It's a Secret to Everybody";
  static final String BODY = "Hello, World!";

  @Test
  void githubsExampleSignatureIsAccepted() throws IOException {
    // the example in GitHub's documentation "Validating webhook deliveries"
    assertThat(valid(Optional.of("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
        Optional.empty())).isTrue();
  }

  @Test
  void anotherBodySecretOrMalformedHeaderIsRefused() throws IOException {
    assertThat(valid(Optional.of("sha256=857107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
        Optional.empty())).isFalse();
    assertThat(valid(Optional.of("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
        Optional.empty())).isFalse();
    assertThat(valid(Optional.of("sha256=zz"), Optional.empty())).isFalse();
    assertThat(valid(Optional.empty(), Optional.empty())).isFalse();
  }

  @Test
  void gitlabsTokenMustBeTheSecret() throws IOException {
    assertThat(valid(Optional.empty(), Optional.of(SECRET))).isTrue();
    assertThat(valid(Optional.empty(), Optional.of("guess"))).isFalse();
  }

  private static boolean valid(Optional<String> github, Optional<String> gitlab) throws IOException {
    return WebhookSignature.valid(SECRET, new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8)), github,
        gitlab);
  }
}
