package io.berth.processor.importer;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;

/** Loads the classes and resources an in-memory compilation wrote, as a tool would from a jar. */
final class OutputClassLoader extends ClassLoader {
  private final Compilation compilation;

  OutputClassLoader(Compilation compilation) {
    super(OutputClassLoader.class.getClassLoader());
    this.compilation = compilation;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = read(name.replace('.', '/') + ".class").orElseThrow(() -> new ClassNotFoundException(name));
    return defineClass(name, bytes, 0, bytes.length);
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    Optional<byte[]> bytes = read(name);
    if (bytes.isEmpty()) {
      return Collections.emptyEnumeration();
    }
    URL url = new URL(null, "mem:/" + name, new URLStreamHandler() {
      @Override
      protected URLConnection openConnection(URL u) {
        return new URLConnection(u) {
          @Override
          public void connect() {}

          @Override
          public InputStream getInputStream() {
            return new java.io.ByteArrayInputStream(bytes.get());
          }
        };
      }
    });
    return Collections.enumeration(List.of(url));
  }

  private Optional<byte[]> read(String path) {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.toUri().getPath().equals("/CLASS_OUTPUT/" + path)) {
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
