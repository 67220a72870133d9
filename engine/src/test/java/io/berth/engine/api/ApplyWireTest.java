package io.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The streaming JSON of {@code POST /v1/apply}: what one side writes, the other reads back unchanged. */
class ApplyWireTest {
  static ByteArrayInputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void requestsAndResponsesRoundTrip() throws IOException {
    var request = new ApplyRequest("target/classes", "/home/me/shop", Optional.of("shop"), true);
    var noStack = new ApplyRequest("/abs \"quoted\" dir", "/w", Optional.empty(), false);
    var response = new ApplyResponse(1, "Plan: 1 to add\n\u001b[32m+\u001b[0m é\n", "error: no\n", "");

    assertThat(ApplyWire.readRequest(new ByteArrayInputStream(ApplyWire.write(request)))).isEqualTo(request);
    assertThat(ApplyWire.readRequest(new ByteArrayInputStream(ApplyWire.write(noStack)))).isEqualTo(noStack);
    assertThat(ApplyWire.readResponse(new ByteArrayInputStream(ApplyWire.write(response)))).isEqualTo(response);
  }

  @Test
  void unknownMembersAreSkippedAndOmittedOnesDefault() throws IOException {
    assertThat(ApplyWire.readResponse(json("{\"exitCode\":0,\"later\":{\"a\":[1,2]},\"out\":\"x\"}")))
        .isEqualTo(new ApplyResponse(0, "x", "", ""));
    assertThat(ApplyWire.readError(json("{\"error\":\"bad\",\"fix\":\"do\",\"more\":[]}")))
        .isEqualTo(new ApiError("bad", "do"));
  }

  @Test
  void aBodyThatIsNoRequestNamesWhatIsWrong() {
    assertThatThrownBy(() -> ApplyWire.readRequest(json("{\"workingDirectory\":\"/w\"}")))
        .hasMessage("cannot read ApplyRequest: member desired is missing");
    assertThatThrownBy(() -> ApplyWire.readRequest(json("{\"desired\":3,\"workingDirectory\":\"/w\"}")))
        .hasMessage("cannot read ApplyRequest: member desired is not a string");
    assertThatThrownBy(() -> ApplyWire.readRequest(json("[]")))
        .hasMessage("cannot read ApplyRequest: the body is not a JSON object");
    assertThatThrownBy(() -> ApplyWire.readResponse(json("{\"exitCode\":")))
        .hasMessageStartingWith("cannot read ApplyResponse: ");
  }
}
