package io.berth.dsl;

import java.util.Objects;

/**
 * A context value a stack read ({@link Infra#context(String)}), and where it came from; the
 * processor records them next to the desired state, so that a plan can tell when the build was
 * made with other values than the ones given now.
 *
 * @param name the context name, e.g. {@code env}
 * @param value the value the stack got
 * @param origin where the value came from
 */
public record ContextValue(String name, String value, Origin origin) {
  /** Where a value came from, in the order of precedence (see {@link StackContext}). */
  public enum Origin {
    /** A processor option, {@code berth synth --context}, or a {@code berth.context.*} property. */
    GIVEN,
    /** A {@code BERTH_CONTEXT_*} environment variable. */
    ENVIRONMENT,
    /** The default the stack gave. */
    DEFAULT
  }

  /** All parts are required. */
  public ContextValue {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(origin, "origin == null");
  }
}
