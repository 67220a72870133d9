package io.berth.processor;

import com.google.testing.compile.Compilation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;

/**
 * A class loader over the outputs of an in-memory compile-testing compilation, so a test can run
 * what the compile produced (classes, the stack index, the service file) exactly as a tool would.
 */
public final class CompiledClasses extends ClassLoader {
  private final Compilation compilation;

  /** Loads from {@code compilation}'s outputs, delegating first to the test's own loader. */
  public CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    this.compilation = compilation;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = read("/CLASS_OUTPUT/" + name.replace('.', '/') + ".class")
        .orElseThrow(() -> new ClassNotFoundException(name));
    return defineClass(name, bytes, 0, bytes.length);
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    Optional<byte[]> bytes = read("/CLASS_OUTPUT/" + name);
    if (bytes.isEmpty()) {
      return Collections.emptyEnumeration();
    }
    try {
      URL url = new URL(null, "mem:/" + name, new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL u) {
          return new URLConnection(u) {
            @Override
            public void connect() {}

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(bytes.get());
            }
          };
        }
      });
      return Collections.enumeration(List.of(url));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the generated resource {@code path} under CLASS_OUTPUT, if the compile wrote it. */
  public Optional<String> text(String path) {
    return read("/CLASS_OUTPUT/" + path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  private Optional<byte[]> read(String path) {
    for (JavaFileObject file : compilation.generatedFiles()) {
      URI uri = file.toUri();
      if (uri.getPath().equals(path)) {
        try (InputStream in = file.openInputStream()) {
          return Optional.of(in.readAllBytes());
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
