package io.berth.engine.state;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;

/**
 * Writes the new objects of one large commit as a single Git pack. {@link #insert} hashes and
 * compresses an object and may be called from many threads at once; {@link #flush} streams the
 * pack to JGit's pack parser ({@link ObjectInserter#newPackParser}), which indexes it, moves it into
 * the repository and makes it visible, as it does for a pack received by a fetch.
 *
 * <p>Why not JGit's inserter: for a repository on disk it writes each object as a loose file, one
 * after the other on the inserting thread; for the 15,000 objects of a 5,000-service apply that made
 * the cold {@code berth apply} take 5.8 instead of 1.0 CPU-seconds ({@code scripts/bench-user-ops
 * bench5000}). Each object is stored whole (no deltas), and an object inserted twice is stored once:
 * a pack must never hold an object twice.
 */
final class PackWriter implements ObjectSink {
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(PackWriter::sha1);

  private final Repository repo;
  private final ConcurrentHashMap<ObjectId, byte[]> objects;
  // zlib streams hold native memory: kept for reuse while the pack is written, ended on close
  private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();

  /** A pack for about {@code expected} objects (sizes the table, no limit). */
  PackWriter(Repository repo, int expected) {
    this.repo = repo;
    this.objects = new ConcurrentHashMap<>(expected * 2);
  }

  /** Hashes and compresses {@code content} as an object of {@code type}; thread-safe. */
  @Override
  public ObjectId insert(int type, byte[] content) {
    MessageDigest sha = SHA1.get();
    sha.update(Constants.encodedTypeString(type));
    sha.update((byte) ' ');
    sha.update(Constants.encodeASCII(content.length));
    sha.update((byte) 0);
    sha.update(content);
    ObjectId id = ObjectId.fromRaw(sha.digest());
    if (!objects.containsKey(id)) {
      objects.putIfAbsent(id, pack(type, content));
    }
    return id;
  }

  @Override
  public boolean concurrent() {
    return true;
  }

  /** One object as a pack stores it: the type-and-size header, then the zlib stream of the content. */
  private byte[] pack(int type, byte[] content) {
    Deflater deflater = deflaters.poll();
    if (deflater == null) {
      // the fastest level: the state is small and rewritten often; git gc can pack it tighter
      deflater = new Deflater(Deflater.BEST_SPEED);
    }
    try {
      byte[] out = new byte[16 + content.length + content.length / 8 + 64];
      int n = header(out, type, content.length);
      deflater.reset();
      deflater.setInput(content);
      deflater.finish();
      while (!deflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += deflater.deflate(out, n, out.length - n);
      }
      return Arrays.copyOf(out, n);
    } finally {
      deflaters.add(deflater);
    }
  }

  /** The object header: type in bits 4-6 of the first byte, then the size, 4 bits then 7 per byte. */
  private static int header(byte[] out, int type, long size) {
    int n = 0;
    int first = (type << 4) | (int) (size & 0x0F);
    size >>>= 4;
    while (size != 0) {
      out[n++] = (byte) (first | 0x80);
      first = (int) (size & 0x7F);
      size >>>= 7;
    }
    out[n++] = (byte) first;
    return n;
  }

  /** Hands the pack (version 2: header, objects, SHA-1 trailer) to the repository's pack parser. */
  @Override
  public void flush() throws IOException {
    List<InputStream> parts = new ArrayList<>(objects.size() + 2);
    MessageDigest sha = sha1();
    byte[] header = ByteBuffer.allocate(12).put(new byte[] {'P', 'A', 'C', 'K'}).putInt(2).putInt(objects.size())
        .array();
    sha.update(header);
    parts.add(new ByteArrayInputStream(header));
    for (byte[] object : objects.values()) {
      sha.update(object);
      parts.add(new ByteArrayInputStream(object));
    }
    parts.add(new ByteArrayInputStream(sha.digest()));
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      PackParser parser = inserter.newPackParser(new SequenceInputStream(Collections.enumeration(parts)));
      parser.setAllowThin(false);
      parser.parse(NullProgressMonitor.INSTANCE);
      inserter.flush();
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  /** Ends the compressors. */
  @Override
  public void close() {
    for (Deflater deflater = deflaters.poll(); deflater != null; deflater = deflaters.poll()) {
      deflater.end();
    }
  }
}
