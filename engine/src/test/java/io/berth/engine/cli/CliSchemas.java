package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.berth.json.BerthJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The published schema of the command line's JSON documents, docs/cli-schema.json, one definition at a time. */
final class CliSchemas {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final JsonNode TREE = read(ROOT.resolve("docs/cli-schema.json"));

  private CliSchemas() {}

  static JsonNode read(Path file) {
    try {
      return BerthJson.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema {@code $defs/<definition>} of {@code tree}, with the rest of {@code tree} for its references. */
  static JsonSchema schema(JsonNode tree, String definition) {
    // only the definitions: a root's own members would apply beside the reference
    ObjectNode root = BerthJson.mapper().createObjectNode();
    root.set("$schema", tree.get("$schema"));
    root.set("$defs", tree.get("$defs").deepCopy());
    root.put("$ref", "#/$defs/" + definition);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }

  /** Asserts {@code json} is a valid {@code $defs/<definition>} of docs/cli-schema.json. */
  static void assertValid(String definition, String json) {
    try {
      assertThat(schema(TREE, definition).validate(BerthJson.mapper().readTree(json)))
          .as("%s against docs/cli-schema.json $defs/%s", json, definition).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
