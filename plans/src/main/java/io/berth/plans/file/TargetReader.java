package io.berth.plans.file;

import io.berth.model.ExternalReference;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.berth.plans.diff.PlainTextSecrets;
import io.berth.model.Cluster;
import io.berth.model.ContainerDefinition;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code target} member of a plan file as tokens: where each document is, the names that
 * place it, and any plain-text secret in a task definition. Nothing is bound to the model, which on
 * a cold JVM costs more than the rest of reading the file.
 */
final class TargetReader {
  /**
   * The members each document may have: the model record's components, which are its JSON members.
   * Deeper members are covered by {@code planDigest}: a file whose target was edited is refused
   * whole; these checks name the member a newer berth or a hand edit added.
   */
  private static final Map<TargetDocuments.Kind, Set<String>> MEMBERS = Map.of(
      TargetDocuments.Kind.ROLE, members(Role.class), TargetDocuments.Kind.CLUSTER, members(Cluster.class),
      TargetDocuments.Kind.SERVICE, members(Service.class), TargetDocuments.Kind.SCALING, members(ServiceScaling.class));
  private static final Set<String> TASK_DEFINITION_MEMBERS = members(TaskDefinition.class);
  private static final Set<String> CONTAINER_MEMBERS = members(ContainerDefinition.class);

  private final JsonParser parser;
  private final byte[] bytes;
  private final String file;
  private final List<TargetDocuments.Document> documents = new ArrayList<>();
  /** Each document's start and end offset in the file. */
  private int[] ranges = new int[64];
  private final List<String> secrets = new ArrayList<>();
  private final List<ExternalReference> references = new ArrayList<>();

  TargetReader(JsonParser parser, byte[] bytes, String file) {
    this.parser = parser;
    this.bytes = bytes;
    this.file = file;
  }

  /** Reads the target object the parser is at, leaving the parser on its end. */
  TargetJson read() throws IOException {
    expect(JsonToken.START_OBJECT, "target");
    String stack = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      parser.nextToken();
      switch (member) {
        case "stack" -> stack = parser.getValueAsString();
        case "roles" -> documents(TargetDocuments.Kind.ROLE, "target.roles", null, "name");
        case "clusters" -> documents(TargetDocuments.Kind.CLUSTER, "target.clusters", null, "name");
        case "taskDefinitions" -> revisions();
        case "services" -> documents(TargetDocuments.Kind.SERVICE, "target.services", "cluster", "serviceName");
        case "scaling" -> documents(TargetDocuments.Kind.SCALING, "target.scaling", "cluster", "service");
        case "references" -> references();
        default -> throw PlanFile.unknown(file, member, "target", parser);
      }
    }
    if (stack == null) {
      throw PlanFile.invalid(file, "no target.stack");
    }
    return new TargetJson(stack, bytes, documents, Arrays.copyOf(ranges, 2 * documents.size()), secrets, references);
  }

  /** The references: {@code {"kind": "CLUSTER", "name": "local"}} each. */
  private void references() throws IOException {
    expect(JsonToken.START_ARRAY, "target.references");
    for (int i = 0; parser.nextToken() == JsonToken.START_OBJECT; i++) {
      String kind = null;
      String name = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && member.equals("kind")) {
          kind = parser.getText();
        } else if (value == JsonToken.VALUE_STRING && member.equals("name")) {
          name = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      require(kind, "target.references[" + i + "].kind");
      require(name, "target.references[" + i + "].name");
      if (!kind.equals("CLUSTER") && !kind.equals("ROLE")) {
        throw PlanFile.invalid(file, "target.references[" + i + "].kind must be CLUSTER or ROLE");
      }
      references.add(new ExternalReference(ExternalReference.Kind.valueOf(kind), name, Optional.empty()));
    }
    expect(JsonToken.END_ARRAY, "target.references");
  }

  /** An array of documents, each placed by the string members {@code scope} (may be null) and {@code name}. */
  private void documents(TargetDocuments.Kind kind, String where, String scope, String name) throws IOException {
    expect(JsonToken.START_ARRAY, where);
    Set<String> known = MEMBERS.get(kind);
    for (int i = 0; parser.nextToken() == JsonToken.START_OBJECT; i++) {
      int from = start();
      String scopeValue = scope == null ? "" : null;
      String nameValue = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && member.equals(name)) {
          nameValue = parser.getText();
        } else if (value == JsonToken.VALUE_STRING && member.equals(scope)) {
          scopeValue = parser.getText();
        } else if (known.contains(member)) {
          parser.skipChildren();
        } else {
          throw PlanFile.unknown(file, member, where + "[" + i + "]", parser);
        }
      }
      require(nameValue, where + "[" + i + "]." + name);
      require(scopeValue, where + "[" + i + "]." + scope);
      add(new TargetDocuments.Document(kind, scopeValue, nameValue, 0), from, end());
    }
    expect(JsonToken.END_ARRAY, where);
  }

  /** The task definition revisions: {@code {"revision": 3, "definition": {...}}} each. */
  private void revisions() throws IOException {
    expect(JsonToken.START_ARRAY, "target.taskDefinitions");
    for (int i = 0; parser.nextToken() == JsonToken.START_OBJECT; i++) {
      String where = "target.taskDefinitions[" + i + "]";
      int revision = 0;
      Definition definition = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        if (member.equals("revision") && value == JsonToken.VALUE_NUMBER_INT) {
          revision = parser.getIntValue();
        } else if (member.equals("definition") && value == JsonToken.START_OBJECT) {
          definition = definition(where + ".definition");
        } else if (member.equals("revision") || member.equals("definition")) {
          parser.skipChildren(); // of another type: refused below as missing
        } else {
          throw PlanFile.unknown(file, member, where, parser);
        }
      }
      require(definition, where + ".definition");
      if (revision < 1) {
        throw PlanFile.invalid(file, where + ".revision must be a number >= 1");
      }
      add(new TargetDocuments.Document(TargetDocuments.Kind.TASK_DEFINITION, "", definition.family(), revision),
          definition.from(), definition.to());
    }
    expect(JsonToken.END_ARRAY, "target.taskDefinitions");
  }

  private void add(TargetDocuments.Document document, int from, int to) {
    int at = 2 * documents.size();
    if (at == ranges.length) {
      ranges = Arrays.copyOf(ranges, 2 * ranges.length);
    }
    ranges[at] = from;
    ranges[at + 1] = to;
    documents.add(document);
  }

  /** Where a task definition is in the file, and its family. */
  private record Definition(String family, int from, int to) {}

  /** A task definition: its family, and its containers looked through for plain-text secrets. */
  private Definition definition(String where) throws IOException {
    int from = start();
    String family = null;
    List<Container> containers = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      JsonToken value = parser.nextToken();
      if (member.equals("family") && value == JsonToken.VALUE_STRING) {
        family = parser.getText();
      } else if (member.equals("containerDefinitions") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          containers.add(container(where + ".containerDefinitions[" + containers.size() + "]"));
        }
      } else if (TASK_DEFINITION_MEMBERS.contains(member)) {
        parser.skipChildren();
      } else {
        throw PlanFile.unknown(file, member, where, parser);
      }
    }
    require(family, where + ".family");
    // in PlainTextSecrets.find's order: per container, environment, then log options, then labels
    for (Container container : containers) {
      for (String name : container.environment) {
        secrets.add(PlainTextSecrets.inEnvironment(family, container.name, name));
      }
      for (String name : container.logOptions) {
        secrets.add(PlainTextSecrets.inLogOptions(family, container.name, name));
      }
      for (String name : container.labels) {
        secrets.add(PlainTextSecrets.inDockerLabels(family, container.name, name));
      }
    }
    return new Definition(family, from, end());
  }

  /** The sensitive names holding a value in one container definition. */
  private static final class Container {
    String name = "";
    final List<String> environment = new ArrayList<>();
    final List<String> logOptions = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
  }

  private Container container(String where) throws IOException {
    Container container = new Container();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      JsonToken value = parser.nextToken();
      if (member.equals("name") && value == JsonToken.VALUE_STRING) {
        container.name = parser.getText();
      } else if (member.equals("environment") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          String name = null;
          String text = "";
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken fieldValue = parser.nextToken();
            if (fieldValue == JsonToken.VALUE_STRING && field.equals("name")) {
              name = parser.getText();
            } else if (fieldValue == JsonToken.VALUE_STRING && field.equals("value")) {
              text = parser.getText();
            } else {
              parser.skipChildren();
            }
          }
          if (name != null && PlainTextSecrets.isSensitive(name) && !text.isEmpty()) {
            container.environment.add(name);
          }
        }
      } else if (member.equals("logConfiguration") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken fieldValue = parser.nextToken();
          if (field.equals("options") && fieldValue == JsonToken.START_OBJECT) {
            sensitive(container.logOptions);
          } else {
            parser.skipChildren();
          }
        }
      } else if (member.equals("dockerLabels") && value == JsonToken.START_OBJECT) {
        sensitive(container.labels);
      } else if (CONTAINER_MEMBERS.contains(member)) {
        parser.skipChildren();
      } else {
        throw PlanFile.unknown(file, member, where, parser);
      }
    }
    return container;
  }

  /** The names of a string map whose name is sensitive and whose value is not empty. */
  private void sensitive(List<String> found) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING && PlainTextSecrets.isSensitive(name) && !parser.getText().isEmpty()) {
        found.add(name);
      } else {
        parser.skipChildren();
      }
    }
  }

  private static Set<String> members(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());
  }

  private int start() {
    return Math.toIntExact(parser.currentTokenLocation().getByteOffset());
  }

  /** Just past the object the parser has closed. */
  private int end() {
    int end = Math.toIntExact(parser.currentLocation().getByteOffset());
    if (parser.currentToken() != JsonToken.END_OBJECT || end < 1 || bytes[end - 1] != '}') {
      // would mean the parser reports offsets otherwise than assumed: refuse rather than slice wrongly
      throw new IllegalStateException("plan parser lost track of document boundaries at byte " + end);
    }
    return end;
  }

  private void expect(JsonToken expected, String what) {
    if (parser.currentToken() != expected) {
      throw PlanFile.invalid(file, what + " should be " + (expected == JsonToken.START_OBJECT ? "an object" : "an array")
          + " (line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr() + ")");
    }
  }

  private void require(Object value, String member) {
    if (value == null) {
      throw PlanFile.invalid(file, "no " + member);
    }
  }
}
