package io.berth.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser builds the tree with the usual precedence and names the position of every error. */
class CqlParseTest {

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    Expression e = Cql.parse("not a:b == 1 and runningTasksCount > 1 or instanceId == i-1".replace("a:b", "attribute:b"));
    assertThat(e.toString()).isEqualTo(
        "((not(attribute:b == 1) and runningTasksCount > 1) or ec2InstanceId == i-1)");
  }

  @Test
  void conditionsKeepTheirValues() {
    Expression e = Cql.parse("attribute:ecs.availability-zone in [zone-a,  'zone b']");
    assertThat(e).isEqualTo(new Condition(Subject.attribute("ecs.availability-zone"), Operator.IN, List.of("zone-a", "zone b")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "attribute:ecs.instance-type =~ t2.*",
      "attribute:ecs.availability-zone in [zone-a, zone-b]",
      "not(task:group == database)",
      "(attribute:a exists and attribute:b !exists) or attribute:c not_in [x, 'y z']",
      "registeredAt >= 2026-01-01T00:00:00Z and agentVersion != 1.2.3",
  })
  void canonicalFormParsesBackToAnEqualTree(String text) {
    Expression once = Cql.parse(text);
    assertThat(Cql.parse(once.toString())).isEqualTo(once);
  }

  @ParameterizedTest(name = "''{0}'' fails at {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                          | 0  | expected an expression
      attribute:zone                              | 14 | expected an operator
      attribute:zone is zone-a                    | 15 | expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, not_in, =~, !~) but found 'is'
      zone == a                                   | 0  | expected a subject (attribute:<name>, task:group
      attribute: == a                             | 10 | expected an attribute name
      attribute:zone ==                           | 17 | expected a value but found the end
      attribute:zone in zone-a                    | 18 | expected '[' to start a list
      attribute:zone in [a, b                     | 23 | expected ',' or ']' to close the list opened at position 18
      attribute:zone in [a,]                      | 21 | expected a value but found ']'
      (attribute:zone == a                        | 20 | expected ')' to close the '(' at position 0
      attribute:zone == a)                        | 19 | unbalanced ')'
      attribute:zone == a attribute:x == b        | 20 | expected 'and', 'or' or the end
      attribute:zone == a and                     | 23 | expected a condition
      attribute:zone == 'a                        | 18 | expected a closing '
      runningTasksCount > many                    | 20 | runningTasksCount compares with a whole number, not 'many'
      agentConnected == yes                       | 18 | agentConnected compares with true or false
      agentConnected > true                       | 15 | agentConnected is true or false
      registeredAt < yesterday                    | 15 | registeredAt compares with an ISO date
      task:group > service:a                      | 11 | task:group cannot be ordered with >
      attribute:type =~ 't2.('                    | 18 | not a valid Java regular expression
      attribute:type =~ [a-z]                     | 18 | expected a value but found '['
      """)
  void syntaxErrorsNameThePositionAndWhatWasExpected(String text, int position, String message) {
    CqlSyntaxException e = catchThrowableOfType(CqlSyntaxException.class, () -> Cql.parse(text));
    assertThat(e).as("no error for '%s'", text).isNotNull();
    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
    assertThat(e.problem()).contains(message);
    assertThat(e.getMessage()).contains("at position " + position).contains(text);
  }

  @Test
  void messageShowsACaretUnderTheOffendingCharacter() {
    assertThatThrownBy(() -> Cql.parse("attribute:zone is zone-a"))
        .hasMessageEndingWith("  attribute:zone is zone-a\n                 ^");
  }

  @Test
  void keywordsAreWholeWords() {
    assertThat(Cql.parse("attribute:order == ordinary").toString()).isEqualTo("attribute:order == ordinary");
  }
}
