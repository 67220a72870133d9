package io.berth.engine.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Writes the objects of one small commit as loose files, {@code objects/xx/yyyy…}, the way git
 * does: an object whose file is there already costs one stat, a new one a compressed temp file
 * renamed into place. Not thread-safe: one writer per commit, on one thread.
 *
 * <p>Why not JGit's {@code ObjectDirectoryInserter}: before writing an object it asks the whole
 * object database whether the object exists, which for a new object searches the loose objects,
 * then every pack, then rescans the pack directory, and it names its temp file with
 * {@code File.createTempFile}. For the runtime ref's commits of about 15 objects that was nearly
 * half the reconciler thread's CPU. This writer looks for the loose file only. An object that is
 * packed already is then written loose a second time: harmless, git and JGit read either copy and
 * {@code git gc} prunes the loose one.
 *
 * <p>An object is readable once {@link #insert} returns, before any ref points at it. The same
 * {@code Repository} finds it without being told: JGit looks for a loose file by its path after
 * missing it in the packs (its cache of loose ids only ever says "loose", never "missing").
 */
final class LooseObjectWriter implements AutoCloseable {
  /** Per process, so two JVMs writing to one repository never pick the same temp name. */
  private static final String TEMP_PREFIX = "tmp_obj_" + ProcessHandle.current().pid() + "_";
  private static final AtomicLong TEMP_SEQUENCE = new AtomicLong();
  /** Loose objects are read-only, as git leaves them; set at creation instead of a chmod after. */
  private static final FileAttribute<?>[] READ_ONLY =
      {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--"))};
  private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final Path objects;
  private final boolean posix;
  private final FileAttribute<?>[] attributes;
  private final boolean fsync;
  private final ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
  // zlib streams hold native memory: one for all of this writer's objects, ended on close
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
  /**
   * Ids this writer wrote or found during its commit, often inserted again (the same tree or
   * blob in two places). Lives no longer than the commit: a set kept across commits could outlive
   * a {@code git gc --prune} and then skip an object that is gone.
   */
  private final Set<ObjectId> present = new HashSet<>();
  private byte[] buffer = new byte[8192];

  /** A writer into {@code repo}'s object directory, honouring its {@code core.fsyncObjectFiles}. */
  LooseObjectWriter(FileRepository repo) {
    this.objects = repo.getObjectDatabase().getDirectory().toPath();
    this.posix = objects.getFileSystem().supportedFileAttributeViews().contains("posix");
    this.attributes = posix ? READ_ONLY : new FileAttribute<?>[0];
    // the key JGit's own inserter reads (its WriteConfig is internal)
    this.fsync = repo.getConfig().getBoolean(ConfigConstants.CONFIG_CORE_SECTION, "fsyncobjectfiles", false);
  }

  /**
   * Stores {@code content} as an object of {@code type} ({@link Constants#OBJ_BLOB} etc.) unless
   * its loose file exists, and returns its id.
   *
   * @throws IOException when the object cannot be written; no temp file is left behind
   */
  ObjectId insert(int type, byte[] content) throws IOException {
    ObjectId id = ids.idFor(type, content);
    if (present.contains(id)) {
      return id;
    }
    String name = id.name();
    Path target = objects.resolve(name.substring(0, 2)).resolve(name.substring(2));
    // java.io.File.exists is one stat and no exception when the file is missing
    if (!target.toFile().exists()) {
      write(type, content, target);
    }
    present.add(id);
    return id;
  }

  /**
   * Writes the object to a new temp file in the objects directory, where git keeps its
   * {@code tmp_obj_*} files too (and {@code git gc} removes old ones a crash left), then renames
   * it into place. {@code CREATE_NEW} never reuses a file: a name taken, say by a crashed process
   * that had the same pid, moves on to the next number.
   */
  private void write(int type, byte[] content, Path target) throws IOException {
    int length = deflate(type, content);
    for (int attempt = 0; ; attempt++) {
      Path temp = objects.resolve(TEMP_PREFIX + TEMP_SEQUENCE.incrementAndGet());
      FileChannel out;
      try {
        out = FileChannel.open(temp, CREATE_NEW, attributes);
      } catch (FileAlreadyExistsException e) {
        if (attempt < 100) {
          continue;
        }
        throw e;
      }
      try {
        try (out) {
          ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
          if (fsync) {
            out.force(true);
          }
        }
        moveIntoPlace(temp, target);
        return;
      } catch (IOException | RuntimeException e) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }
  }

  /** The loose format into {@link #buffer}: zlib of {@code "<type> <size>\0"} then the content. */
  private int deflate(int type, byte[] content) {
    byte[] header = header(type, content.length);
    deflater.reset();
    deflater.setInput(header);
    int length = 0;
    while (!deflater.needsInput()) {
      length = deflateInto(length);
    }
    deflater.setInput(content);
    deflater.finish();
    while (!deflater.finished()) {
      length = deflateInto(length);
    }
    return length;
  }

  private int deflateInto(int length) {
    if (length == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    return length + deflater.deflate(buffer, length, buffer.length - length);
  }

  private static byte[] header(int type, int size) {
    byte[] typeName = Constants.encodedTypeString(type);
    byte[] digits = Constants.encodeASCII(size);
    byte[] header = new byte[typeName.length + 1 + digits.length + 1];
    System.arraycopy(typeName, 0, header, 0, typeName.length);
    header[typeName.length] = ' ';
    System.arraycopy(digits, 0, header, typeName.length + 1, digits.length);
    return header;
  }

  private void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      move(temp, target);
    } catch (NoSuchFileException e) {
      // fan-out directories are made on first use, as git does; a file in the way fails here
      Files.createDirectories(target.getParent());
      move(temp, target);
    }
    if (!posix) {
      target.toFile().setReadOnly();
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!target.toFile().exists()) {
        throw e;
      }
      // Another writer stored the object first, the same bytes under the same name (a platform
      // whose rename refuses an existing or read-only target). Where a rename replaces its target,
      // as on Linux, the race ends the same way: one complete file with those bytes.
      Files.delete(temp);
    }
  }

  /** Ends the compressor. */
  @Override
  public void close() {
    deflater.end();
  }
}
