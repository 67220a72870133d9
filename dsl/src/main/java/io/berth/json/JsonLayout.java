package io.berth.json;

import java.util.Arrays;

/**
 * Lays out compact JSON written by {@link BerthJson#mapper()} (without its indentation) in the
 * house layout, byte for byte what the mapper's pretty printer writes for the same value: 2-space
 * indent, {@code "key": value}, one member or element per line, {@code { }} and {@code [ ]} for
 * empty ones, no trailing newline.
 *
 * <p>Why: {@code berth apply} stores thousands of documents that the plan file already holds in
 * compact form; laying them out again is a single pass over bytes, where serialising the model
 * again costs a databind round trip per document.
 *
 * <pre>{@code
 * byte[] pretty = JsonLayout.indent(compact, 0, compact.length); // {"a":[1]} -> {\n  "a": [\n    1\n  ]\n}
 * }</pre>
 *
 * <p>The input must be compact JSON as Jackson writes it (no whitespace outside strings); other
 * input is not checked and gives unspecified output.
 */
public final class JsonLayout {
  private static final int INDENT = 2;

  private JsonLayout() {}

  /** {@code json[from, to)} in the house layout. */
  public static byte[] indent(byte[] json, int from, int to) {
    // a pretty document is about twice its compact size for Berth's small, nested records
    byte[] out = new byte[Math.max(16, (to - from) * 2)];
    int n = 0;
    int depth = 0;
    int i = from;
    while (i < to) {
      byte c = json[i++];
      // room for this byte plus the widest thing written for it: a newline and the indent
      int need = n + 4 + (depth + 1) * INDENT;
      if (need > out.length) {
        out = Arrays.copyOf(out, Math.max(need, out.length * 2));
      }
      switch (c) {
        case '"' -> {
          int start = i - 1;
          while (json[i] != '"') {
            i += json[i] == '\\' ? 2 : 1; // an escaped character, e.g. \" , is part of the string
          }
          i++;
          int length = i - start;
          if (n + length > out.length) {
            out = Arrays.copyOf(out, Math.max(n + length + 64, out.length * 2));
          }
          System.arraycopy(json, start, out, n, length);
          n += length;
        }
        case '{', '[' -> {
          out[n++] = c;
          if (i < to && (json[i] == '}' || json[i] == ']')) {
            out[n++] = ' ';
            out[n++] = json[i++];
          } else {
            depth++;
            n = newline(out, n, depth);
          }
        }
        case '}', ']' -> {
          depth--;
          n = newline(out, n, depth);
          out[n++] = c;
        }
        case ',' -> {
          out[n++] = ',';
          n = newline(out, n, depth);
        }
        case ':' -> {
          out[n++] = ':';
          out[n++] = ' ';
        }
        default -> out[n++] = c;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int newline(byte[] out, int n, int depth) {
    out[n++] = '\n';
    int end = n + depth * INDENT;
    Arrays.fill(out, n, end, (byte) ' ');
    return end;
  }
}
