package io.berth.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A closed set of values spelled as the ECS API spells them. Parsing an unknown spelling fails
 * with a message that lists the allowed values, so a typo in JSON is easy to fix.
 */
public interface ApiEnum {
  /** The spelling the ECS API uses for this value. */
  String apiValue();

  /** Parses {@code value} into a constant of {@code type}, or fails naming the allowed values. */
  static <E extends Enum<E> & ApiEnum> E parse(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.apiValue().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not a valid " + type.getSimpleName()
        + "; allowed values: " + allowedValues(type));
  }

  /** The allowed spellings of {@code type}, comma separated, in declaration order. */
  static <E extends Enum<E> & ApiEnum> String allowedValues(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ApiEnum::apiValue).collect(Collectors.joining(", "));
  }
}
