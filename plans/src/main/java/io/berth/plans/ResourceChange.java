package io.berth.plans;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a plan does to one resource. A closed set: each kind holds only what is meaningful for it
 * (a replacement names the attributes that force it; a no-op has no fields). Notes explain
 * decisions the reader might not expect, such as a desired count left to autoscaling.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ResourceChange.Create.class, name = "create"),
    @JsonSubTypes.Type(value = ResourceChange.Update.class, name = "update"),
    @JsonSubTypes.Type(value = ResourceChange.Replace.class, name = "replace"),
    @JsonSubTypes.Type(value = ResourceChange.Delete.class, name = "delete"),
    @JsonSubTypes.Type(value = ResourceChange.NoOp.class, name = "no-op")})
public sealed interface ResourceChange
    permits ResourceChange.Create, ResourceChange.Update, ResourceChange.Replace,
        ResourceChange.Delete, ResourceChange.NoOp {

  /** The resource this change is about. */
  ResourceAddress address();

  /** The attributes that change; for a create, every attribute with its new value. */
  List<FieldChange> fields();

  /** Explanations shown under the resource. */
  List<String> notes();

  /** The kind of change, for renderers and counts. */
  @JsonIgnore
  Action action();

  /** A resource that does not exist yet. */
  record Create(ResourceAddress address, List<FieldChange> fields, List<String> notes)
      implements ResourceChange {
    /** Copies the lists. */
    public Create {
      fields = fields == null ? List.of() : List.copyOf(fields);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public Action action() {
      return Action.CREATE;
    }
  }

  /** A resource changed in place; for a task definition, a new revision of its family. */
  record Update(ResourceAddress address, List<FieldChange> fields, List<String> notes)
      implements ResourceChange {
    /** Copies the lists. */
    public Update {
      fields = fields == null ? List.of() : List.copyOf(fields);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public Action action() {
      return Action.UPDATE;
    }
  }

  /** A resource destroyed and created again because {@code forcedBy} cannot change in place. */
  record Replace(ResourceAddress address, List<String> forcedBy, List<FieldChange> fields,
      List<String> notes) implements ResourceChange {
    /** Copies the lists; a replacement always names what forces it. */
    public Replace {
      forcedBy = forcedBy == null ? List.of() : List.copyOf(forcedBy);
      if (forcedBy.isEmpty()) {
        throw new IllegalArgumentException("a replacement of " + address + " must name the attribute forcing it");
      }
      fields = fields == null ? List.of() : List.copyOf(fields);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public Action action() {
      return Action.REPLACE;
    }
  }

  /** A resource no longer declared; {@code fields} hold its last values. */
  record Delete(ResourceAddress address, List<FieldChange> fields, List<String> notes)
      implements ResourceChange {
    /** Copies the lists. */
    public Delete {
      fields = fields == null ? List.of() : List.copyOf(fields);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public Action action() {
      return Action.DELETE;
    }
  }

  /** A resource that stays as it is. */
  record NoOp(ResourceAddress address, List<String> notes) implements ResourceChange {
    /** Copies the notes. */
    public NoOp {
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public List<FieldChange> fields() {
      return List.of();
    }

    @Override
    public Action action() {
      return Action.NO_OP;
    }
  }
}
