package io.berth.model;

import java.util.List;

/** Linux capabilities added to or dropped from a container. */
public record KernelCapabilities(
    List<String> add,
    List<String> drop) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public KernelCapabilities {
    add = Defaults.list(add);
    drop = Defaults.list(drop);
  }
}
