package io.berth.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any expression tree prints in a form that parses back to the same tree and the same verdicts. */
class CqlProperties {
  private static final String[] WORDS = {"zone-a", "t2.micro", "service:web", "i-07", "1.10.2", "x y", "it's", "42"};

  @Property(tries = 500)
  void canonicalFormRoundTrips(@ForAll long seed) {
    Expression tree = expression(new Random(seed), 3);

    Expression again = Cql.parse(tree.toString());

    assertThat(again).isEqualTo(tree);
    assertThat(again.matches(FakeInstance.standard())).isEqualTo(tree.matches(FakeInstance.standard()));
  }

  private static Expression expression(Random random, int depth) {
    int kind = depth == 0 ? 3 : random.nextInt(4);
    switch (kind) {
      case 0: return new Expression.And(expression(random, depth - 1), expression(random, depth - 1));
      case 1: return new Expression.Or(expression(random, depth - 1), expression(random, depth - 1));
      case 2: return new Expression.Not(expression(random, depth - 1));
      default: return condition(random);
    }
  }

  private static Condition condition(Random random) {
    Subject subject = random.nextBoolean() ? Subject.attribute("ecs.instance-type")
        : Subject.of(random.nextBoolean() ? Subject.Kind.TASK_GROUP : Subject.Kind.INSTANCE_ID);
    Operator[] usable = subject.kind() == Subject.Kind.TASK_GROUP
        ? new Operator[] {Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN, Operator.EXISTS, Operator.MATCHES}
        : Operator.values();
    Operator operator = usable[random.nextInt(usable.length)];
    List<String> values = new ArrayList<>();
    int count = operator.arity() == Operator.Arity.NONE ? 0 : operator.arity() == Operator.Arity.ONE ? 1 : 1 + random.nextInt(3);
    for (int k = 0; k < count; k++) {
      values.add(operator == Operator.MATCHES || operator == Operator.NOT_MATCHES ? "t2.*" : WORDS[random.nextInt(WORDS.length)]);
    }
    return new Condition(subject, operator, values);
  }
}
