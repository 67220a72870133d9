package io.berth.validation;

/** How bad a violation is: an error fails the compile and the plan; a warning is only shown. */
public enum Severity {
  ERROR,
  WARNING
}
