package io.berth.engine.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.berth.json.BerthJson;

/** {@link BerthJson#mapper()} plus ISO-8601 instants, for the runtime records and API views. */
public final class RuntimeJson {
  private static final ObjectMapper MAPPER = BerthJson.mapper().copy()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private RuntimeJson() {}

  /** The shared, thread-safe mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
