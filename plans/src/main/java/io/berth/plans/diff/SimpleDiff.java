package io.berth.plans.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.plans.FieldChange;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The diff of resources that change in place whatever changes (roles, clusters, scaling):
 * create, update, delete or no-op by id.
 */
final class SimpleDiff {
  private SimpleDiff() {}

  static <T> List<ResourceChange> diff(ResourceKind type, List<T> desired, List<T> live, Function<T, String> id) {
    Map<String, T> want = index(desired, id);
    Map<String, T> have = index(live, id);
    List<ResourceChange> changes = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>(want.keySet());
    ids.addAll(have.keySet());
    for (String key : ids) {
      ResourceAddress address = new ResourceAddress(type, key);
      T after = want.get(key);
      T before = have.get(key);
      if (before == null) {
        changes.add(new ResourceChange.Create(address, JsonFields.all(JsonFields.tree(after), true), List.of()));
      } else if (after == null) {
        changes.add(new ResourceChange.Delete(address, JsonFields.all(JsonFields.tree(before), false), List.of()));
      } else {
        JsonNode was = JsonFields.tree(before);
        JsonNode now = JsonFields.tree(after);
        List<FieldChange> fields = JsonFields.diff(was, now);
        changes.add(fields.isEmpty() ? new ResourceChange.NoOp(address, List.of())
            : new ResourceChange.Update(address, fields, List.of()));
      }
    }
    return changes;
  }

  static <T> Map<String, T> index(List<T> values, Function<T, String> id) {
    Map<String, T> map = new TreeMap<>();
    for (T value : values) {
      map.put(id.apply(value), value);
    }
    return map;
  }
}
