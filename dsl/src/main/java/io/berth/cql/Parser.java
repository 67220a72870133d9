package io.berth.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser over characters. Values are lexed in context (after an operator), so
 * bare words like {@code t2.*}, {@code service:web} or {@code 2024-01-01T00:00:00Z} need no quotes.
 */
final class Parser {
  private static final Map<String, Subject.Kind> SUBJECTS = Map.of(
      "task:group", Subject.Kind.TASK_GROUP,
      "ec2InstanceId", Subject.Kind.INSTANCE_ID,
      "instanceId", Subject.Kind.INSTANCE_ID,
      "agentConnected", Subject.Kind.AGENT_CONNECTED,
      "agentVersion", Subject.Kind.AGENT_VERSION,
      "registeredAt", Subject.Kind.REGISTERED_AT,
      "runningTasksCount", Subject.Kind.RUNNING_TASKS_COUNT);
  private static final String SUBJECT_LIST =
      "attribute:<name>, task:group, ec2InstanceId, instanceId, agentConnected, agentVersion, registeredAt, runningTasksCount";

  private final String text;
  private final List<Integer> valuePositions = new ArrayList<>();
  private int pos;

  Parser(String text) {
    this.text = text;
  }

  Expression parseAll() {
    skipBlanks();
    if (atEnd()) {
      throw error("expected an expression such as 'attribute:ecs.availability-zone == zone-a'");
    }
    Expression expression = parseOr();
    skipBlanks();
    if (!atEnd()) {
      throw error(peek() == ')' ? "unbalanced ')': no '(' to close" : "expected 'and', 'or' or the end of the expression");
    }
    return expression;
  }

  private Expression parseOr() {
    Expression left = parseAnd();
    while (true) {
      skipBlanks();
      if (acceptSymbol("||") || acceptWord("or")) {
        left = new Expression.Or(left, parseAnd());
      } else {
        return left;
      }
    }
  }

  private Expression parseAnd() {
    Expression left = parseUnary();
    while (true) {
      skipBlanks();
      if (acceptSymbol("&&") || acceptWord("and")) {
        left = new Expression.And(left, parseUnary());
      } else {
        return left;
      }
    }
  }

  private Expression parseUnary() {
    skipBlanks();
    if (atEnd()) {
      throw error("expected a condition, 'not' or '('");
    }
    // "not(" / "not " is negation; a subject never starts with "!" so "!" always negates here.
    if (acceptSymbol("!") || acceptWord("not")) {
      return new Expression.Not(parseUnary());
    }
    if (acceptSymbol("(")) {
      int open = pos - 1;
      Expression inner = parseOr();
      skipBlanks();
      if (!acceptSymbol(")")) {
        throw error("expected ')' to close the '(' at position " + open);
      }
      return inner;
    }
    return parseCondition();
  }

  private Expression parseCondition() {
    Subject subject = parseSubject();
    skipBlanks();
    int opStart = pos;
    Operator operator = parseOperator();
    Condition.checkApplicable(subject, operator).ifPresent(problem -> {
      pos = opStart;
      throw error(problem);
    });
    List<String> values = new ArrayList<>();
    int firstValue = valuePositions.size();
    switch (operator.arity()) {
      case NONE:
        break;
      case ONE:
        values.add(parseValue());
        break;
      default:
        values.addAll(parseList());
    }
    try {
      return new Condition(subject, operator, values);
    } catch (Condition.BadValueException e) {
      pos = valuePositions.get(firstValue + e.valueIndex());
      throw error(e.getMessage());
    }
  }

  private Subject parseSubject() {
    int start = pos;
    while (!atEnd() && isWordChar(peek())) {
      pos++;
    }
    String word = text.substring(start, pos);
    if (word.startsWith("attribute:")) {
      String name = word.substring("attribute:".length());
      if (name.isEmpty()) {
        pos = start + "attribute:".length();
        throw error("expected an attribute name after 'attribute:', e.g. attribute:ecs.availability-zone");
      }
      return Subject.attribute(name);
    }
    Subject.Kind kind = SUBJECTS.get(word);
    if (kind == null) {
      pos = start;
      throw error("expected a subject (" + SUBJECT_LIST + ") but found " + describe(word));
    }
    return Subject.of(kind);
  }

  private Operator parseOperator() {
    if (atEnd()) {
      throw error("expected an operator (" + Operator.allSymbols() + ") but found the end of the expression");
    }
    // Longest spellings first so ">=" is not read as ">" and "!exists" not as "!".
    for (String symbol : new String[] {"!exists", "not_in", "exists", "==", "!=", ">=", "<=", "=~", "!~", ">", "<", "in"}) {
      boolean word = Character.isLetter(symbol.charAt(symbol.length() - 1));
      if (word ? acceptWord(symbol) : acceptSymbol(symbol)) {
        for (Operator op : Operator.values()) {
          if (op.symbol().equals(symbol)) {
            return op;
          }
        }
      }
    }
    throw error("expected an operator (" + Operator.allSymbols() + ") but found " + describe(nextToken()));
  }

  private List<String> parseList() {
    skipBlanks();
    if (!acceptSymbol("[")) {
      throw error("expected '[' to start a list of values, e.g. [zone-a, zone-b], but found " + describe(nextToken()));
    }
    int open = pos - 1;
    List<String> values = new ArrayList<>();
    while (true) {
      values.add(parseValue());
      skipBlanks();
      if (acceptSymbol(",")) {
        continue;
      }
      if (acceptSymbol("]")) {
        return values;
      }
      throw error("expected ',' or ']' to close the list opened at position " + open + " but found " + describe(nextToken()));
    }
  }

  private String parseValue() {
    skipBlanks();
    valuePositions.add(pos);
    if (atEnd()) {
      throw error("expected a value but found the end of the expression");
    }
    char c = peek();
    if (c == '\'' || c == '"') {
      int open = pos;
      int close = text.indexOf(c, pos + 1);
      if (close < 0) {
        throw error("expected a closing " + c + " for the value quoted at position " + open);
      }
      pos = close + 1;
      return text.substring(open + 1, close);
    }
    int start = pos;
    while (!atEnd() && !Character.isWhitespace(peek()) && "[](),'\"".indexOf(peek()) < 0) {
      pos++;
    }
    if (pos == start) {
      throw error("expected a value but found " + describe(String.valueOf(c)));
    }
    return text.substring(start, pos);
  }

  private boolean acceptSymbol(String symbol) {
    if (text.startsWith(symbol, pos)) {
      pos += symbol.length();
      return true;
    }
    return false;
  }

  /** Accepts a keyword only as a whole word, so "order" is not "or" followed by "der". */
  private boolean acceptWord(String word) {
    int end = pos + word.length();
    if (text.startsWith(word, pos) && (end == text.length() || !isWordChar(text.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private String nextToken() {
    int end = pos;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(pos, end);
  }

  private static String describe(String token) {
    return token.isEmpty() ? "the end of the expression" : "'" + token + "'";
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == ':' || c == '/' || c == '\\';
  }

  private void skipBlanks() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private CqlSyntaxException error(String problem) {
    return new CqlSyntaxException(text, pos, problem);
  }
}
