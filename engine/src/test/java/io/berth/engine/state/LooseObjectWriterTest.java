package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small commits as loose objects: the same objects as JGit writes, readable at once, clean for git fsck. */
class LooseObjectWriterTest {
  private static final Instant WHEN = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path tmp;

  @Test
  void aCommitHasTheSameIdsAsThroughJGitsInserter() throws Exception {
    try (FileRepository loose = repository("loose");
        InMemoryRepository jgit = new InMemoryRepository(new DfsRepositoryDescription("jgit"))) {
      ObjectId first = twoCommits(loose);

      assertThat(first).isEqualTo(twoCommits(jgit));
      assertThat(GitTrees.files(loose, first)).isEqualTo(GitTrees.files(jgit, first));
      assertThat(git("loose", "cat-file", "-p", first.name() + ":tasks/prod/t-1.json")).isEqualTo("{\"round\":2}");
      assertClean(git("loose", "fsck", "--strict", "--no-dangling"));
    }
  }

  /** Two commits on the runtime ref, the second keeping files of the first; returns the second. */
  private static ObjectId twoCommits(Repository repo) {
    Map<String, byte[]> content = new TreeMap<>();
    content.put("tasks/prod/t-1.json", bytes("{\"round\":1}"));
    content.put("tasks/prod/t-2.json", bytes("{\"round\":1}"));
    content.put("tasks/dev/t-3.json", bytes("{\"round\":1}"));
    content.put("services/prod/web.json", bytes("{\"desiredCount\":2}"));
    content.put("meta/control-plane.json", bytes("{}"));
    ObjectId first = GitTrees.commit(repo, content, Map.of(), Optional.empty(), "first\n", WHEN);
    GitRefs.compareAndSwap(repo, StateRepository.RUNTIME, Optional.empty(), first, "test");
    Map<String, ObjectId> kept = new TreeMap<>(GitTrees.files(repo, first));
    kept.remove("tasks/prod/t-1.json");
    kept.remove("meta/control-plane.json");
    ObjectId second = GitTrees.commit(repo, Map.of("tasks/prod/t-1.json", bytes("{\"round\":2}"),
        "events/000000001.json", bytes("{\"round\":2}")), kept, Optional.of(first), "second\n", WHEN.plusSeconds(1));
    GitRefs.compareAndSwap(repo, StateRepository.RUNTIME, Optional.of(first), second, "test");
    return second;
  }

  @Test
  void everyObjectIsStoredAsJGitWouldNameItAndReadableFromTheSameRepositoryAtOnce() throws Exception {
    try (FileRepository repo = repository("repo")) {
      byte[] content = bytes("{\"taskId\":\"t-1\"}");
      ObjectId id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content);
      assertThatThrownBy(() -> repo.open(id)).isInstanceOf(MissingObjectException.class);

      try (LooseObjectWriter writer = new LooseObjectWriter(repo)) {
        assertThat(writer.insert(Constants.OBJ_BLOB, content)).isEqualTo(id);
      }

      assertThat(repo.open(id, Constants.OBJ_BLOB).getBytes()).isEqualTo(content);
      assertThat(Files.getPosixFilePermissions(repo.getObjectDatabase().fileFor(id).toPath())).as("read-only, as git")
          .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
      assertThat(git("repo", "cat-file", "blob", id.name())).isEqualTo("{\"taskId\":\"t-1\"}");
    }
  }

  @Test
  void writingAnObjectAgainLeavesItsFileAlone() throws Exception {
    try (FileRepository repo = repository("repo")) {
      byte[] content = bytes("{\"lastStatus\":\"RUNNING\"}");
      ObjectId id;
      try (LooseObjectWriter writer = new LooseObjectWriter(repo)) {
        id = writer.insert(Constants.OBJ_BLOB, content);
      }
      Path file = repo.getObjectDatabase().fileFor(id).toPath();
      byte[] before = Files.readAllBytes(file);
      BasicFileAttributes was = Files.readAttributes(file, BasicFileAttributes.class);

      try (LooseObjectWriter writer = new LooseObjectWriter(repo)) {
        assertThat(writer.insert(Constants.OBJ_BLOB, content)).isEqualTo(id);
        assertThat(writer.insert(Constants.OBJ_BLOB, content)).isEqualTo(id);
      }

      BasicFileAttributes is = Files.readAttributes(file, BasicFileAttributes.class);
      assertThat(is.fileKey()).isEqualTo(was.fileKey());
      assertThat(is.lastModifiedTime()).isEqualTo(was.lastModifiedTime());
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
      assertThat(temporaryFiles(repo)).isEmpty();
    }
  }

  @Test
  void anObjectOnlyInAPackIsWrittenLooseAndTheCommitStaysReadable() throws Exception {
    try (FileRepository repo = repository("repo")) {
      Map<String, byte[]> many = new TreeMap<>();
      for (int i = 0; i < 100; i++) {
        many.put("tasks/prod/t-" + i + ".json", bytes("{\"task\":" + i + "}"));
      }
      ObjectId packed = GitTrees.commit(repo, many, Map.of(), Optional.empty(), "packed\n", WHEN);
      GitRefs.compareAndSwap(repo, StateRepository.RUNTIME, Optional.empty(), packed, "test");
      ObjectId blob = GitTrees.blobId(bytes("{\"task\":7}"));
      assertThat(repo.getObjectDatabase().fileFor(blob)).doesNotExist();
      assertThat(repo.getObjectDatabase().getPacks()).hasSize(1);

      Map<String, ObjectId> kept = new TreeMap<>(GitTrees.files(repo, packed));
      kept.remove("tasks/prod/t-8.json");
      ObjectId next = GitTrees.commit(repo, Map.of("tasks/prod/t-8.json", bytes("{\"task\":7}")), kept,
          Optional.of(packed), "t-8 as t-7\n", WHEN.plusSeconds(1));
      GitRefs.compareAndSwap(repo, StateRepository.RUNTIME, Optional.of(packed), next, "test");

      assertThat(repo.getObjectDatabase().fileFor(blob)).as("a loose duplicate of the packed blob").exists();
      try (Repository fresh = new RepositoryBuilder().setGitDir(repo.getDirectory()).setMustExist(true).build()) {
        assertThat(GitTrees.readPath(fresh, next, "tasks/prod/t-8.json")).hasValueSatisfying(
            bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"task\":7}"));
      }
      assertClean(git("repo", "fsck", "--strict", "--no-dangling"));
      git("repo", "gc", "--prune=now", "--quiet");
      assertThat(repo.getObjectDatabase().fileFor(blob)).as("git gc prunes the duplicate").doesNotExist();
      assertThat(git("repo", "cat-file", "-p", next.name() + ":tasks/prod/t-8.json")).isEqualTo("{\"task\":7}");
    }
  }

  @Test
  void aFailedWriteLeavesNoTemporaryFileAndMovesNoRef() throws Exception {
    Path dir = tmp.resolve("state");
    try (StateRepository state = StateRepository.init(dir)) {
      RuntimeStore runtime = state.runtime();
      runtime.commit(runtime.read().batch().putJson(RuntimeStore.TASKS, "prod/t-0", bytes("{}")).build("first"));
      RuntimeSnapshot before = runtime.read();
      // a document whose fan-out directory does not exist yet, and a file where it would go
      byte[] json = null;
      Path fanOut = null;
      for (int i = 0; fanOut == null || Files.exists(fanOut); i++) {
        json = bytes("{\"taskId\":\"t-" + i + "\"}");
        fanOut = dir.resolve("objects").resolve(GitTrees.blobId(json).name().substring(0, 2));
      }
      Files.writeString(fanOut, "in the way");
      RuntimeBatch batch = before.batch().putJson(RuntimeStore.TASKS, "prod/t-1", json).build("second");

      assertThatThrownBy(() -> runtime.commit(batch)).isInstanceOf(StateException.class)
          .hasMessageContaining("nothing was changed");

      assertThat(runtime.read().commit()).isEqualTo(before.commit());
      try (Stream<Path> files = Files.list(dir.resolve("objects"))) {
        assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("tmp_"));
      }
    }
  }

  @Test
  void twoWritersRacingForTheSameObjectsLeaveOneGoodCopyOfEach() throws Exception {
    try (FileRepository one = repository("repo");
        Repository two = new RepositoryBuilder().setGitDir(one.getDirectory()).setMustExist(true).build()) {
      List<byte[]> contents = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        contents.add(bytes("{\"event\":" + i + ",\"message\":\"service web reached a steady state\"}"));
      }
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<List<ObjectId>>> written = new ArrayList<>();
        for (Repository repo : List.of(one, two)) {
          written.add(threads.submit(() -> {
            List<ObjectId> ids = new ArrayList<>();
            try (LooseObjectWriter writer = new LooseObjectWriter((FileRepository) repo)) {
              start.await();
              for (byte[] content : contents) {
                ids.add(writer.insert(Constants.OBJ_BLOB, content));
              }
            }
            return ids;
          }));
        }
        assertThat(written.get(0).get()).isEqualTo(written.get(1).get());
        for (int i = 0; i < contents.size(); i++) {
          assertThat(one.open(written.get(0).get().get(i)).getBytes()).isEqualTo(contents.get(i));
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(temporaryFiles(one)).isEmpty();
      assertClean(git("repo", "fsck", "--strict", "--no-dangling"));
    }
  }

  private FileRepository repository(String name) throws IOException {
    FileRepository repo = (FileRepository) new RepositoryBuilder().setGitDir(tmp.resolve(name).toFile()).build();
    repo.create(true);
    return repo;
  }

  private static List<String> temporaryFiles(FileRepository repo) throws IOException {
    try (Stream<Path> files = Files.list(repo.getObjectDatabase().getDirectory().toPath())) {
      return files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("tmp_")).toList();
    }
  }

  /** git fsck exits 0 on warnings too; its notices (an unborn HEAD) are fine. */
  private static void assertClean(String fsck) {
    assertThat(fsck.toLowerCase()).doesNotContain("error", "warning", "missing", "corrupt", "bad", "broken");
  }

  /** Runs the git command line on repository {@code name}; returns its output, failing on a non-zero exit. */
  private String git(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir", tmp.resolve(name).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
