package io.berth.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a Berth stack. The class must be public, concrete, have a public no-argument
 * constructor and implement {@link StackDefinition}; Berth's annotation processor runs it at the
 * end of compilation, validates the model and writes {@code META-INF/berth/<name>/desired.json}.
 *
 * <pre>{@code
 * @Stack("shop")
 * public final class Shop implements StackDefinition {
 *   public void define(Infra infra) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Stack {
  /** The stack's name: {@code ^[A-Za-z0-9_-]{1,255}$}, unique in a compilation. */
  String value();
}
