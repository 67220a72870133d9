package io.berth.plans.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.model.TaskDefinition;
import io.berth.plans.PlanFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextSecretsTest {
  static TaskDefinition container(String members) {
    return PlanFixtures.json("{'family':'web','containerDefinitions':[{'name':'app','image':'x'," + members + "}]}",
        TaskDefinition.class);
  }

  @Test
  void namesThatSayTheyHoldASecret() {
    assertThat(List.of("DB_PASSWORD", "api_key", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "ApiKey", "splunk-token",
        "PRIVATE_KEY", "ServiceCredentials")).allMatch(PlainTextSecrets::isSensitive);
    assertThat(List.of("PORT", "GREETING", "LOG_LEVEL", "JAVA_OPTS")).noneMatch(PlainTextSecrets::isSensitive);
  }

  @Test
  void environmentLogOptionsAndLabelsAreChecked() {
    assertThat(PlainTextSecrets.find(List.of(container("'environment':[{'name':'DB_PASSWORD','value':'x'}]"))))
        .singleElement().asString().contains("environment variable DB_PASSWORD").contains("secrets");
    assertThat(PlainTextSecrets.find(List.of(container("'logConfiguration':{'logDriver':'splunk',"
        + "'options':{'splunk-token':'abc','splunk-url':'https://x'}}"))))
        .singleElement().asString().contains("log option splunk-token").contains("secretOptions");
    assertThat(PlainTextSecrets.find(List.of(container("'dockerLabels':{'deploy.token':'abc'}"))))
        .singleElement().asString().contains("docker label deploy.token");
  }

  @Test
  void referencesAndEmptyValuesAreFine() {
    assertThat(PlainTextSecrets.find(List.of(container("'environment':[{'name':'DB_PASSWORD','value':''}],"
        + "'secrets':[{'name':'API_TOKEN','valueFrom':'env:API_TOKEN'}]")))).isEmpty();
  }
}
