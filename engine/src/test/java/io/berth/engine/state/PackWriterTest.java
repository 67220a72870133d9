package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pack writer against JGit's own inserter on the same input: the same objects under the same
 * ids, each large commit one pack, and a repository git fsck finds clean.
 */
class PackWriterTest {
  private static final Instant WHEN = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path tmp;

  @Test
  void largeCommitsHoldTheObjectsJGitsInserterWritesInOneCleanPackEach() throws Exception {
    try (Repository packed = create("packed"); Repository library = create("library")) {
      Map<String, byte[]> first = files(1);
      ObjectId packedFirst;
      try (ObjectSink pack = new PackWriter(packed, first.size())) {
        packedFirst = GitTrees.commit(pack, first, Map.of(), Optional.empty(), "first\n", WHEN, GitTrees.BERTH);
      }
      ObjectId libraryFirst;
      try (ObjectSink inserter = ObjectSink.library(library)) {
        libraryFirst = GitTrees.commit(inserter, first, Map.of(), Optional.empty(), "first\n", WHEN, GitTrees.BERTH);
      }
      assertThat(packedFirst).isEqualTo(libraryFirst);
      List<ObjectId> reachable = assertSameObjects(library, packed, libraryFirst);
      // one blob and one tree for each pair of twin files and directories: a pack holding an object twice fails fsck
      assertThat(git("count-objects", "-v")).contains("count: 0").contains("packs: 1")
          .contains("in-pack: " + reachable.size());

      // the second keeps the first's task definitions by id and rewrites the rest, half of it unchanged
      Map<String, ObjectId> kept = new TreeMap<>(GitTrees.files(library, libraryFirst, "taskDefinitions"));
      Map<String, byte[]> second = files(2);
      second.keySet().removeIf(path -> path.startsWith("taskDefinitions/"));
      for (int i = 50; i < 100; i++) {
        second.put("services/prod/app-" + i + ".json", bytes(service(i, 1)));
      }
      ObjectId packedSecond;
      try (ObjectSink pack = ObjectSink.forCommit(packed, second.size())) {
        assertThat(pack).isInstanceOf(PackWriter.class);
        packedSecond = GitTrees.commit(pack, second, kept, Optional.of(packedFirst), "second\n", WHEN, GitTrees.BERTH);
      }
      ObjectId librarySecond;
      try (ObjectSink inserter = ObjectSink.library(library)) {
        librarySecond = GitTrees.commit(inserter, second, kept, Optional.of(libraryFirst), "second\n", WHEN, GitTrees.BERTH);
      }
      assertThat(packedSecond).isEqualTo(librarySecond);
      assertSameObjects(library, packed, librarySecond);
      assertThat(git("count-objects", "-v")).contains("count: 0").contains("packs: 2");
      GitRefs.compareAndSwap(packed, "refs/heads/master", Optional.empty(), packedSecond, "test");
      assertThat(git("fsck", "--full", "--strict", "--no-dangling")).isEmpty();
      assertThat(git("cat-file", "-p", packedSecond.name() + ":services/prod/app-7.json")).isEqualTo(service(7, 2));
      assertThat(git("cat-file", "-p", packedSecond.name() + ":services/prod/app-70.json")).isEqualTo(service(70, 1));
    }
  }

  @Test
  void onlyCommitsOfMoreThanPackAboveFilesAreWrittenAsAPack() throws Exception {
    try (Repository repo = create("sizes"); ObjectSink small = ObjectSink.forCommit(repo, ObjectSink.PACK_ABOVE);
        ObjectSink large = ObjectSink.forCommit(repo, ObjectSink.PACK_ABOVE + 1)) {
      assertThat(small).isNotInstanceOf(PackWriter.class);
      assertThat(small.concurrent()).isFalse();
      assertThat(large).isInstanceOf(PackWriter.class);
      assertThat(large.concurrent()).isTrue();
    }
  }

  /** Every object reachable from {@code commit} in {@code expected} is in {@code actual} with the same type and bytes. */
  private static List<ObjectId> assertSameObjects(Repository expected, Repository actual, ObjectId commit)
      throws IOException {
    List<ObjectId> ids = new ArrayList<>();
    try (ObjectWalk walk = new ObjectWalk(expected); ObjectReader want = expected.newObjectReader();
        ObjectReader have = actual.newObjectReader()) {
      walk.markStart(walk.parseAny(commit));
      for (RevObject object = walk.next(); object != null; object = walk.next()) {
        ids.add(object.copy());
      }
      for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
        ids.add(object.copy());
      }
      for (ObjectId id : ids) {
        ObjectLoader a = want.open(id);
        ObjectLoader b = have.open(id);
        assertThat(b.getType()).as(id.name()).isEqualTo(a.getType());
        assertThat(b.getCachedBytes()).as(id.name()).isEqualTo(a.getCachedBytes());
      }
    }
    assertThat(ids).hasSizeGreaterThan(3 * ObjectSink.PACK_ABOVE);
    return ids;
  }

  /**
   * A state of 100 services and task definitions, plus 20 roles and 20 clusters with the same names
   * and bytes pairwise (twin blobs and one tree for both directories).
   */
  private static Map<String, byte[]> files(int round) {
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < 100; i++) {
      files.put("services/prod/app-" + i + ".json", bytes(service(i, round)));
      files.put("taskDefinitions/app-" + i + "/" + round + ".json",
          bytes("{\"family\":\"app-" + i + "\",\"image\":\"shop/app:" + round + "\"}"));
    }
    for (int i = 0; i < 20; i++) {
      files.put("roles/edge-" + i + ".json", bytes("{\"name\":\"edge-" + i + "\"}"));
      files.put("clusters/edge-" + i + ".json", bytes("{\"name\":\"edge-" + i + "\"}"));
    }
    return files;
  }

  private static String service(int i, int round) {
    return "{\"serviceName\":\"app-" + i + "\",\"taskDefinition\":\"app-" + i + ":" + round + "\"}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A new, empty bare repository. */
  private Repository create(String name) throws IOException {
    Repository repo = new RepositoryBuilder().setGitDir(tmp.resolve(name).toFile()).build();
    repo.create(true);
    return repo;
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir", tmp.resolve("packed").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }
}
