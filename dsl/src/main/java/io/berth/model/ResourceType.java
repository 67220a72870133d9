package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of special resource a container requires. */
public enum ResourceType implements ApiEnum {
  GPU("GPU"),
  INFERENCEACCELERATOR("InferenceAccelerator"),
  NEURONDEVICE("NeuronDevice");

  private final String apiValue;

  ResourceType(String apiValue) {
    this.apiValue = apiValue;
  }

  /** The spelling the ECS API uses. */
  @Override
  @JsonValue
  public String apiValue() {
    return apiValue;
  }

  /** Parses the API spelling; an unknown value fails with the allowed values. */
  @JsonCreator
  public static ResourceType fromApiValue(String value) {
    return ApiEnum.parse(ResourceType.class, value);
  }
}
