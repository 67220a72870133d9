package io.berth.processor;

/**
 * The stable ids of the diagnostics only the processor reports (the validator's codes cover the
 * model). Each id appears in brackets at the start of the message, e.g. {@code [BerthStackPublic]},
 * so that a build log can be searched and a test can name the rule it checks.
 */
public enum ProcessorCode {
  /** {@code @Stack} is on an interface, enum or annotation instead of a class. */
  BerthStackKind,
  /** The stack class (or a class enclosing it) is not public. */
  BerthStackPublic,
  /** The stack class is abstract. */
  BerthStackAbstract,
  /** The stack class is an inner (non-static nested) class. */
  BerthStackNested,
  /** The stack class has no public no-argument constructor. */
  BerthStackConstructor,
  /** The stack class does not implement {@code StackDefinition}. */
  BerthStackInterface,
  /** The stack name does not match {@code ^[A-Za-z0-9_-]{1,255}$}. */
  BerthStackName,
  /** Two stacks of one compilation share a name. */
  BerthStackDuplicate,
  /** The stack threw an exception (or error) while it ran at the end of the compile. */
  BerthStackFailed,
  /** The stack did not finish within the time limit ({@code -Aberth.timeoutSeconds}, default 60). */
  BerthStackTimeout,
  /** The compiled stack class could not be loaded or created for evaluation. */
  BerthStackLoad,
  /** Evaluation is not possible with this compiler (not javac); static checks still ran. */
  BerthNoJavac,
  /** Berth itself failed; the message says what it was doing. Please report it. */
  BerthInternal;

  /** {@code [id] message}: the form every Berth diagnostic takes. */
  public String format(String message) {
    return "[" + name() + "] " + message;
  }
}
