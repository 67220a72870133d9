package io.berth.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;
import java.io.UnsupportedEncodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laying out compact output again gives exactly what the mapper's pretty printer writes. */
class JsonLayoutProperties {

  @Property(tries = 300)
  void taskDefinitionsLaidOutMatchTheMappersPrettyBytes(@ForAll("taskDefinitions") TaskDefinition task) {
    assertSameAsPrettyPrinter(task);
  }

  @Property(tries = 100)
  void desiredStatesLaidOutMatchTheMappersPrettyBytes(@ForAll("desiredStates") DesiredState state) {
    assertSameAsPrettyPrinter(state);
  }

  @Property(tries = 500)
  void anyJsonValueLaidOutMatchesTheMappersPrettyBytes(@ForAll("values") Object value) {
    assertSameAsPrettyPrinter(value);
  }

  @Example
  void emptyContainersEscapesAndNumbersKeepTheirBytes() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("quote \" and \\ and \n and { } [ ] , :", List.of(List.of(), Map.of(), "\u00e9\u4e2d\ud83d\ude00"));
    value.put("numbers", List.of(-1, 0.5, 1.0E-7, Long.MAX_VALUE, true, false));
    value.put("nested", List.of(Map.of("a", List.of(Map.of("b", "c")))));
    assertSameAsPrettyPrinter(value);
    assertSameAsPrettyPrinter(List.of());
    assertSameAsPrettyPrinter(Map.of());
    assertSameAsPrettyPrinter("top-level \"string\"");
    assertThat(new String(JsonLayout.indent("{\"a\":[1,{}]}".getBytes(), 0, 12)))
        .isEqualTo("{\n  \"a\": [\n    1,\n    { }\n  ]\n}");
  }

  @Example
  void aRangeInsideALargerBufferIsLaidOutAlone() {
    byte[] buffer = "xx{\"a\":1}yy".getBytes();
    assertThat(new String(JsonLayout.indent(buffer, 2, 9))).isEqualTo("{\n  \"a\": 1\n}");
  }

  private static void assertSameAsPrettyPrinter(Object value) {
    try {
      byte[] compact = BerthJson.compact().writeValueAsBytes(value);
      byte[] pretty = BerthJson.mapper().writeValueAsBytes(value);
      assertThat(new String(JsonLayout.indent(compact, 0, compact.length), "UTF-8"))
          .isEqualTo(new String(pretty, "UTF-8"));
    } catch (JsonProcessingException | UnsupportedEncodingException e) {
      throw new AssertionError(e);
    }
  }

  @Provide
  Arbitrary<TaskDefinition> taskDefinitions() {
    return ModelArbitraries.taskDefinitions();
  }

  @Provide
  Arbitrary<DesiredState> desiredStates() {
    return ModelArbitraries.desiredStates();
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.recursive(JsonLayoutProperties::scalars, JsonLayoutProperties::containers, 0, 4);
  }

  private static Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(12).map(s -> (Object) s),
        Arbitraries.strings().withChars("\"\\{}[],: \n\t").ofMaxLength(6).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b));
  }

  private static Arbitrary<Object> containers(Arbitrary<Object> element) {
    return Arbitraries.oneOf(
        element.list().ofMaxSize(4).map(l -> (Object) l),
        Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), element).ofMaxSize(4).map(m -> (Object) m));
  }
}
