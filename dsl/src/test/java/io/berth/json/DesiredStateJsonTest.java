package io.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.dsl.Infra;
import io.berth.dsl.spec.ShopStack;
import io.berth.model.DesiredState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DesiredStateJsonTest {
  private static final String GOLDEN = "/golden/shop-desired.json";

  /** Regenerate with -Dberth.golden.update=true after an intended change, then review the diff. */
  @Test
  void theShopStackDocumentMatchesItsGoldenFile() throws IOException {
    String json = DesiredStateJson.write(Infra.evaluate("shop", new ShopStack()).state());
    if (Boolean.getBoolean("berth.golden.update")) {
      Files.writeString(Path.of("src/test/resources" + GOLDEN), json);
    }
    try (InputStream golden = getClass().getResourceAsStream(GOLDEN)) {
      assertThat(golden).as("golden file " + GOLDEN).isNotNull();
      assertThat(json).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theLayoutIsTwoSpaceIndentKeyColonSpaceAndATrailingNewline() {
    String json = DesiredStateJson.write(Infra.evaluate("shop", new ShopStack()).state());
    assertThat(json).startsWith("{\n  \"apiVersion\": \"berth/v1\",\n  \"stack\": \"shop\",\n");
    assertThat(json).endsWith("}\n").doesNotContain(" : ").doesNotContain("\r");
  }

  @Test
  void declarationOrderDoesNotChangeTheBytes() {
    String forward = DesiredStateJson.write(Infra.evaluate("s", infra -> {
      var a = infra.cluster("a");
      var b = infra.cluster("b");
      infra.service("x", a, infra.taskDefinition("x").container("c", c -> c.image("i:1").memory(8)
          .dockerLabel("z", "1").dockerLabel("a", "2")));
      infra.service("y", b, infra.taskDefinition("y").container("c", c -> c.image("i:1").memory(8)));
    }).state());
    String backward = DesiredStateJson.write(Infra.evaluate("s", infra -> {
      var b = infra.cluster("b");
      var a = infra.cluster("a");
      infra.service("y", b, infra.taskDefinition("y").container("c", c -> c.image("i:1").memory(8)));
      infra.service("x", a, infra.taskDefinition("x").container("c", c -> c.image("i:1").memory(8)
          .dockerLabel("a", "2").dockerLabel("z", "1")));
    }).state());
    assertThat(backward).isEqualTo(forward);
  }

  @Test
  void theDocumentReadsBackToTheSameModel() {
    DesiredState state = Infra.evaluate("shop", new ShopStack()).state();
    assertThat(DesiredStateJson.read("desired.json", DesiredStateJson.write(state))).isEqualTo(state);
  }

  @Test
  void anotherApiVersionIsRefused() {
    assertThatThrownBy(() -> DesiredStateJson.read("desired.json", "{\"apiVersion\": \"berth/v2\", \"stack\": \"s\"}"))
        .hasMessage("desired.json: $.apiVersion: 'berth/v2' is not supported; this Berth reads berth/v1");
  }

  @Test
  void aBadEnumInTheDocumentNamesItsPath() {
    assertThatThrownBy(() -> DesiredStateJson.read("desired.json", """
        {"apiVersion": "berth/v1", "stack": "s", "services": [{"serviceName": "w", "cluster": "c",
         "taskDefinition": "t", "schedulingStrategy": "SOMETIMES",
         "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100}}]}
        """)).hasMessage("desired.json: $.services[0].schedulingStrategy: 'SOMETIMES' is not a valid SchedulingStrategy;"
        + " allowed values: REPLICA, DAEMON");
  }

  @Test
  void aDocumentThatIsNoObjectIsRefusedInBerthsWordsNamingTheFile() {
    for (String[] c : new String[][] {{"", "desired.json is empty, not a desired state"},
        {" \n", "desired.json is empty, not a desired state"},
        {"null", "desired.json holds null, not a desired state"},
        {"[]", "desired.json holds a JSON array, not a desired state"},
        {"\"x\"", "desired.json holds a JSON string, not a desired state"},
        {"42", "desired.json holds a JSON number, not a desired state"},
        {"true", "desired.json holds a JSON boolean, not a desired state"}}) {
      assertThatThrownBy(() -> DesiredStateJson.read("desired.json", c[0])).as("[%s]", c[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(c[1] + ": a JSON object {\"apiVersion\": \"berth/v1\", \"stack\": ...}");
    }
  }

  @Test
  void cutShortWronglyTypedOrNullMembersNameTheirPathNotJacksonsTypes() {
    assertThatThrownBy(() -> DesiredStateJson.read("desired.json", "{\"apiVersion\": \"berth/v1\",\n \"stack\": \"s\""))
        .hasMessage("desired.json: the JSON ends before the document does (is it cut short?) at line 2, column 14");
    assertThatThrownBy(() -> DesiredStateJson.read("desired.json", "{\"apiVersion\": \"berth/v1\", \"stack\": \"s\", \"clusters\": {}}"))
        .hasMessage("desired.json: $.clusters: should be a JSON array, not an object");
    assertThatThrownBy(() -> DesiredStateJson.read("desired.json", "{\"apiVersion\": \"berth/v1\", \"stack\": \"s\", \"services\": [null]}"))
        .hasMessage("desired.json: $.services[0]: null is not allowed here; remove it or give a value");
    assertThatThrownBy(() -> DesiredStateJson.read("desired.json", "{\"apiVersion\": \"berth/v1\", \"stack\": \"s\"} {}"))
        .hasMessageStartingWith("desired.json: $: ").hasMessageNotContaining("io.berth");
  }
}
