package io.berth.plans.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.json.BerthJson;
import io.berth.model.Cluster;
import io.berth.model.ExternalReference;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.plans.DeclaredState;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.diff.PlainTextSecrets;
import java.util.ArrayList;
import java.util.List;

/** The documents of a bound declared state, each serialised by Jackson when asked for (see {@link TargetDocuments#of}). */
final class DeclaredTarget implements TargetDocuments {
  private final DeclaredState state;
  private final List<Document> documents = new ArrayList<>();
  private final List<Object> records = new ArrayList<>();

  DeclaredTarget(DeclaredState state) {
    this.state = state;
    for (Role role : state.roles()) {
      add(new Document(Kind.ROLE, "", role.name(), 0), role);
    }
    for (Cluster cluster : state.clusters()) {
      add(new Document(Kind.CLUSTER, "", cluster.name(), 0), cluster);
    }
    for (TaskDefinitionRevision revision : state.taskDefinitions()) {
      add(new Document(Kind.TASK_DEFINITION, "", revision.family(), revision.revision()), revision.definition());
    }
    for (Service service : state.services()) {
      add(new Document(Kind.SERVICE, service.cluster(), service.serviceName(), 0), service);
    }
    for (ServiceScaling scaling : state.scaling()) {
      add(new Document(Kind.SCALING, scaling.cluster(), scaling.service(), 0), scaling);
    }
  }

  private void add(Document document, Object record) {
    documents.add(document);
    records.add(record);
  }

  @Override
  public String stack() {
    return state.stack();
  }

  @Override
  public List<ExternalReference> references() {
    return state.references();
  }

  @Override
  public List<String> plainTextSecrets() {
    return PlainTextSecrets.find(state.taskDefinitions().stream().map(TaskDefinitionRevision::definition).toList());
  }

  @Override
  public List<Document> documents() {
    return List.copyOf(documents);
  }

  @Override
  public byte[] json(int index) {
    Object record = records.get(index);
    try {
      return BerthJson.mapper().writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      // the model is plain records: failing to write one is a bug, not a user error
      throw new IllegalStateException("cannot serialise " + record.getClass().getSimpleName(), e);
    }
  }
}
