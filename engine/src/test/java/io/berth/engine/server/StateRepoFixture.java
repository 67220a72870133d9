package io.berth.engine.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * A real bare state repository in a temp dir whose declared ref the test moves, the way
 * {@code berth apply} would: one commit per change in the state store's layout (version 1:
 * {@code layout-version}, {@code stack.json} naming the active revisions, one file per resource).
 */
public final class StateRepoFixture implements AutoCloseable {
  final Path dir;
  private final Repository repository;
  private final Map<String, String> files = new TreeMap<>();

  public StateRepoFixture(Path dir) throws Exception {
    this.dir = dir;
    this.repository = Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository();
  }

  /** A task definition revision with one essential web container. */
  public StateRepoFixture taskDefinition(String family, int revision, String image, String extraContainerJson) {
    files.put("task-definitions/" + family + "/" + revision + ".json", """
        {"family":"%s","executionRoleArn":"arn:berth:iam::role/%s-exec","containerDefinitions":[
          {"name":"web","image":"%s","memory":64,"portMappings":[{"containerPort":8080,"hostPort":0}]}%s]}
        """.formatted(family, family, image, extraContainerJson));
    return this;
  }

  /** A task definition revision written as given ({@code json}: the whole RegisterTaskDefinition document). */
  public StateRepoFixture taskDefinitionJson(String family, int revision, String json) {
    files.put("task-definitions/" + family + "/" + revision + ".json", json);
    return this;
  }

  public StateRepoFixture service(String name, String taskDefinition, int desired, int min, int max, boolean breaker, String extraJson) {
    files.put("services/default/" + name + ".json", """
        {"serviceName":"%s","cluster":"default","taskDefinition":"%s","schedulingStrategy":"REPLICA",
         "desiredCount":%d,"deploymentConfiguration":{"maximumPercent":%d,"minimumHealthyPercent":%d
         %s}%s}
        """.formatted(name, taskDefinition, desired, max, min,
        breaker ? ",\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":true}" : "", extraJson));
    return this;
  }

  /** A service's auto scaling declaration (a {@code ServiceScaling} as JSON, without cluster and service). */
  StateRepoFixture scaling(String service, String membersJson) {
    files.put("scaling/default/" + service + ".json",
        "{\"cluster\":\"default\",\"service\":\"" + service + "\"," + membersJson + "}");
    return this;
  }

  StateRepoFixture role(String name, String statementsJson) {
    files.put("roles/" + name + ".json", "{\"name\":\"" + name + "\",\"statements\":" + statementsJson + "}");
    return this;
  }

  StateRepoFixture remove(String path) {
    files.remove(path);
    return this;
  }

  /** Commits the current files to refs/heads/main; returns the commit id. */
  public String commit() throws IOException {
    files.put("layout-version", "1\n");
    Map<String, Integer> active = new TreeMap<>();
    for (String path : files.keySet()) {
      String[] parts = path.split("/");
      if (parts[0].equals("task-definitions")) {
        active.merge(parts[1], Integer.parseInt(parts[2].replace(".json", "")), Math::max);
      }
    }
    StringBuilder stackIndex = new StringBuilder("{\"stack\":\"test\",\"taskDefinitions\":{");
    active.forEach((family, revision) -> stackIndex.append(stackIndex.charAt(stackIndex.length() - 1) == '{' ? "" : ",")
        .append('"').append(family).append("\":").append(revision));
    files.put("stack.json", stackIndex.append("}}").toString());
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (var file : files.entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(file.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
        builder.add(entry);
      }
      builder.finish();
      ObjectId parent = repository.resolve("refs/heads/main");
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent who = new PersonIdent("test", "test@berth.local");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("apply");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef("refs/heads/main");
      update.setNewObjectId(id);
      update.setForceUpdate(true);
      update.update();
      return id.name();
    }
  }

  Repository repository() {
    return repository;
  }

  @Override
  public void close() {
    repository.close();
  }
}
