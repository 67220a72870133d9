package io.berth.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson configuration Berth reads and writes its model with: absent optionals and empty
 * collections omitted (empty strings kept: they are values), members in record order, map keys
 * sorted, so that the same model always gives the same bytes. {@link #write} adds the house
 * layout: 2-space indent, {@code "key": value}, one array element per line, trailing newline.
 */
public final class BerthJson {
  private static final ObjectMapper MAPPER = configure();
  private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());
  private static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private BerthJson() {}

  private static ObjectMapper configure() {
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new Jdk8Module())
        .serializationInclusion(JsonInclude.Include.NON_ABSENT)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // "cpu": 0.5 must fail, not silently become 0.
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        // Only record components are members: helpers such as isEssential() must not leak into JSON.
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .defaultPrettyPrinter(prettyPrinter())
        .build();
    JsonInclude.Value nonEmpty = JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_NULL);
    mapper.configOverride(List.class).setInclude(nonEmpty);
    mapper.configOverride(Map.class).setInclude(nonEmpty);
    return mapper;
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
    return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
  }

  /** The shared, thread-safe mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * The mapper's writer without indentation: the same members and values with no whitespace
   * between them ({@link JsonLayout} lays such output out as the mapper would have).
   */
  public static ObjectWriter compact() {
    return COMPACT;
  }

  /** {@code value} in the house layout, ending with a newline, so Git diffs of it stay small. */
  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      // The model is plain records: failing to write one is a bug, not a user error.
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
