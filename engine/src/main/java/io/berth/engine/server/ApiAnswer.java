package io.berth.engine.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.engine.api.ApiError;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the API, whatever carries it: status, content type, headers beyond those two and
 * the body. The transport sends a HEAD request's answer without its body.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param headers more headers (such as {@link ApiServer#INDEX_HEADER})
 * @param body the body
 */
record ApiAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {

  /** Copies {@code headers}. */
  ApiAnswer {
    headers = Map.copyOf(headers);
  }

  /** {@code body} as JSON. */
  static ApiAnswer json(int status, Object body) {
    try {
      return new ApiAnswer(status, "application/json", Map.of(), RuntimeJson.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Berth's error answer: what went wrong and how to fix it ({@link ApiError}). */
  static ApiAnswer error(int status, String error, String fix) {
    return json(status, new ApiError(error, fix));
  }

  /** This answer with header {@code name} set to {@code value}. */
  ApiAnswer with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiAnswer(status, contentType, more, body);
  }
}
