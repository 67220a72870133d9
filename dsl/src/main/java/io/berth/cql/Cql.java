package io.berth.cql;

/**
 * Entry point of the Cluster Query Language: {@code Cql.parse("attribute:ecs.instance-type =~ t2.*")}.
 *
 * <p>Grammar (ECS's, with Berth's {@code instanceId} alias):
 * <pre>
 * expression := or
 * or         := and (("or" | "||") and)*
 * and        := unary (("and" | "&amp;&amp;") unary)*
 * unary      := ("not" | "!") unary | "(" expression ")" | condition
 * condition  := subject ( ("exists" | "!exists")
 *                       | ("==" | "!=" | "&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "=~" | "!~") value
 *                       | ("in" | "not_in") "[" value ("," value)* "]" )
 * subject    := "attribute:" name | "task:group" | "ec2InstanceId" | "instanceId" | "agentConnected"
 *             | "agentVersion" | "registeredAt" | "runningTasksCount"
 * value      := bare word (no blanks, brackets, parentheses or commas) | 'quoted' | "quoted"
 * </pre>
 */
public final class Cql {
  private Cql() {}

  /**
   * Parses {@code text} into an expression tree.
   *
   * @throws CqlSyntaxException naming the position (0-based character offset) and what was expected
   */
  public static Expression parse(String text) {
    if (text == null) {
      throw new NullPointerException("text == null");
    }
    return new Parser(text).parseAll();
  }
}
