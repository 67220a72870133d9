package io.berth.engine.state;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Writes the new objects of one large commit as a single Git pack (version 2) with its index
 * (version 2), Git's documented on-disk formats, into the repository's {@code objects/pack}.
 * {@link #insert} hashes and compresses an object and may be called from many threads at once;
 * {@link #flush} writes the pack, sorted by object id, then its index. JGit finds the new pack as it
 * finds one another git process wrote: a lookup that misses the packs it knows rescans the directory.
 *
 * <p>Why not JGit's inserter: for a repository on disk it writes each object as a loose file, one
 * after the other on the inserting thread; for the 15,000 objects of a 5,000-service apply that made
 * the cold {@code berth apply} take 5.84 instead of 0.97 CPU-seconds. Why not JGit's pack parser
 * ({@code ObjectInserter.newPackParser}), which would index and open the same pack stream: it
 * inflates and hashes every object again and looks each one up in the object database (a loose-file
 * stat per object), and that apply took 1.22 instead of 1.02 CPU-seconds ({@code scripts/bench-user-ops
 * bench5000}). Each object is stored whole (no deltas). An object inserted twice is stored once: a
 * pack must never hold an object twice.
 */
final class PackWriter implements ObjectSink {
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> sha1());

  private final File directory;
  private final ConcurrentHashMap<ObjectId, Packed> objects;
  // zlib streams hold native memory: kept for reuse while the pack is written, ended on close
  private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();
  private final List<File> temporary = new ArrayList<>();

  /** A pack for about {@code expected} objects (sizes the table, no limit). */
  PackWriter(Repository repo, int expected) {
    this.directory = new File(new File(repo.getDirectory(), "objects"), "pack");
    this.objects = new ConcurrentHashMap<>(expected * 2);
  }

  /** One object as the pack stores it: type-and-size header then zlib data, and their CRC-32. */
  private record Packed(ObjectId id, byte[] bytes, int crc) {}

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
      objects.putIfAbsent(id, pack(id, type, content));
    }
    return id;
  }

  private Packed pack(ObjectId id, int type, byte[] content) {
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
      CRC32 crc = new CRC32();
      crc.update(out, 0, n);
      return new Packed(id, Arrays.copyOf(out, n), (int) crc.getValue());
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

  /** Writes the pack and its index under {@code objects/pack} and opens it for readers. */
  @Override
  public void flush() throws IOException {
    List<Packed> sorted = new ArrayList<>(objects.values());
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    Files.createDirectories(directory.toPath());
    File pack = temp(directory, ".pack");
    MessageDigest packSha = sha1();
    long[] offsets = new long[sorted.size()];
    try (OutputStream out = new HashingStream(new BufferedOutputStream(new FileOutputStream(pack), 1 << 16), packSha)) {
      out.write(new byte[] {'P', 'A', 'C', 'K', 0, 0, 0, 2});
      out.write(int32(sorted.size()));
      long offset = 12;
      for (int i = 0; i < sorted.size(); i++) {
        offsets[i] = offset;
        byte[] bytes = sorted.get(i).bytes();
        out.write(bytes);
        offset += bytes.length;
      }
      if (offset > Integer.MAX_VALUE) {
        throw new IOException("a pack of more than 2 GiB is not supported");
      }
      byte[] trailer = packSha.digest();
      ((HashingStream) out).writeUnhashed(trailer);
      File index = temp(directory, ".idx");
      writeIndex(index, sorted, offsets, trailer);
      String name = "pack-" + HexFormat.of().formatHex(trailer);
      File finalPack = new File(directory, name + ".pack");
      File finalIndex = new File(directory, name + ".idx");
      if (finalPack.exists() && finalIndex.exists()) {
        return; // the very same objects were packed before: nothing new to add
      }
      out.close();
      pack.setReadOnly();
      index.setReadOnly();
      // the pack before its index: a reader never finds an index whose pack is not there yet
      Files.move(pack.toPath(), finalPack.toPath(), StandardCopyOption.ATOMIC_MOVE);
      Files.move(index.toPath(), finalIndex.toPath(), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * Index version 2: fan-out table, sorted ids, CRC-32s, 32-bit offsets, pack and index checksums.
   * Built in memory and written at once (15,000 small writes through a digest cost more).
   */
  private static void writeIndex(File index, List<Packed> sorted, long[] offsets, byte[] packChecksum)
      throws IOException {
    int n = sorted.size();
    ByteBuffer idx = ByteBuffer.allocate(8 + 256 * 4 + n * (Constants.OBJECT_ID_LENGTH + 8) + 40);
    idx.put(new byte[] {(byte) 0xff, 't', 'O', 'c', 0, 0, 0, 2});
    int[] fanout = new int[256];
    for (Packed object : sorted) {
      fanout[object.id().getFirstByte()]++;
    }
    int total = 0;
    for (int count : fanout) {
      total += count;
      idx.putInt(total);
    }
    for (Packed object : sorted) {
      object.id().copyRawTo(idx);
    }
    for (Packed object : sorted) {
      idx.putInt(object.crc());
    }
    for (long offset : offsets) {
      idx.putInt((int) offset);
    }
    idx.put(packChecksum);
    MessageDigest sha = sha1();
    sha.update(idx.array(), 0, idx.position());
    idx.put(sha.digest());
    Files.write(index.toPath(), idx.array());
  }

  private File temp(File directory, String suffix) throws IOException {
    File file = File.createTempFile("incoming_", suffix, directory);
    temporary.add(file);
    return file;
  }

  private static byte[] int32(int value) {
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  @Override
  public boolean concurrent() {
    return true;
  }

  /** Ends the compressors and removes what a failed or redundant flush left behind. */
  @Override
  public void close() {
    for (Deflater deflater = deflaters.poll(); deflater != null; deflater = deflaters.poll()) {
      deflater.end();
    }
    for (File file : temporary) {
      if (file.exists()) {
        file.setWritable(true);
        file.delete();
      }
    }
  }

  /** An output stream that also feeds what it writes to a digest (the pack and index trailers). */
  private static final class HashingStream extends OutputStream {
    private final OutputStream out;
    private final MessageDigest digest;

    HashingStream(OutputStream out, MessageDigest digest) {
      this.out = out;
      this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      digest.update(b, off, len);
    }

    void writeUnhashed(byte[] b) throws IOException {
      out.write(b);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
