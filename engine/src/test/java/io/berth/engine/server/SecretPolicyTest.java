package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.json.BerthJson;
import io.berth.model.Role;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretPolicyTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
      "secret/shop/*, secret/shop/db, true",
      "secret/shop/*, secret/shopping/db, false",
      "*, secret/anything, true",
      "secrets:*, secrets:Read, true",
      "secret/*/db, secret/shop/db, true",
      "secret/shop/db, secret/shop/db, true",
      "secret/shop/db, secret/shop/db2, false",
      "secret/a.b, secret/aXb, false",
  })
  void wildcardsMatchAnyRunOfCharactersAndNothingElse(String pattern, String value, boolean matches) {
    assertThat(SecretPolicy.wildcard(pattern, value)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0} may read {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "[{\"effect\":\"Allow\",\"actions\":[\"secrets:Read\"],\"resources\":[\"secret/shop/*\"]}] | shop/db | true",
      "[{\"effect\":\"Allow\",\"actions\":[\"secrets:Read\"],\"resources\":[\"secret/shop/*\"]}] | secret/shop/db | true",
      "[{\"effect\":\"Allow\",\"actions\":[\"secrets:Write\"],\"resources\":[\"secret/shop/*\"]}] | shop/db | false",
      "[{\"effect\":\"Allow\",\"actions\":[\"*\"],\"resources\":[\"*\"]},{\"effect\":\"Deny\",\"actions\":[\"secrets:Read\"],\"resources\":[\"secret/shop/db\"]}] | shop/db | false",
      "[] | shop/db | false",
  })
  void anExplicitAllowIsNeededAndAnExplicitDenyWins(String statements, String secret, boolean allowed) throws Exception {
    Role role = BerthJson.mapper().readValue("{\"name\":\"exec\",\"statements\":" + statements + "}", Role.class);

    assertThat(SecretPolicy.allows(Optional.of(role), secret)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"arn:berth:iam::role/web-exec, web-exec", "web-exec, web-exec", "arn:aws:iam::123:role/x, x"})
  void roleNamesComeFromArnsOrBareNames(String reference, String name) {
    assertThat(SecretPolicy.roleName(reference)).isEqualTo(name);
  }
}
