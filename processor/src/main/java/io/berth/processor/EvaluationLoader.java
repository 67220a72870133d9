package io.berth.processor;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * The class loader stacks run in at the end of the compile. It reads the classes just compiled
 * from CLASS_OUTPUT (always fresh, never a stale copy a parent may see), then asks the processor's
 * loader (so Berth's own types are shared with the processor), then the compile class path through
 * the Filer: with {@code annotationProcessorPaths} the processor's loader cannot see the
 * application's libraries, yet a stack may call them.
 */
final class EvaluationLoader extends ClassLoader {
  /** Types the processor and the stack must share, so they always come from the parent. */
  private static final List<String> SHARED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
      "io.berth.dsl.", "io.berth.model.", "io.berth.validation.", "io.berth.json.", "io.berth.cql.",
      "io.berth.processor.", "com.fasterxml.jackson.");

  static {
    registerAsParallelCapable();
  }

  private final Filer filer;

  EvaluationLoader(ClassLoader parent, Filer filer) {
    super("berth-evaluation", parent);
    this.filer = filer;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      boolean shared = SHARED.stream().anyMatch(name::startsWith);
      if (loaded == null && !shared) {
        loaded = define(name, StandardLocation.CLASS_OUTPUT);
      }
      if (loaded == null) {
        try {
          loaded = getParent().loadClass(name);
        } catch (ClassNotFoundException notInParent) {
          loaded = define(name, StandardLocation.CLASS_PATH);
          if (loaded == null) {
            throw notInParent;
          }
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  protected URL findResource(String name) {
    for (StandardLocation location : List.of(StandardLocation.CLASS_OUTPUT, StandardLocation.CLASS_PATH)) {
      FileObject file = open(location, "", name);
      if (file != null) {
        try {
          return file.toUri().toURL();
        } catch (MalformedURLException | IllegalArgumentException inMemory) {
          return null; // in-memory file managers (tests) have no URL for their files
        }
      }
    }
    return null;
  }

  private Class<?> define(String name, JavaFileManager.Location location) {
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot);
    FileObject file = open(location, pkg, name.substring(dot + 1) + ".class");
    if (file == null) {
      return null;
    }
    try (InputStream in = file.openInputStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException unreadable) {
      return null;
    }
  }

  private FileObject open(JavaFileManager.Location location, String pkg, String relativeName) {
    try {
      FileObject file = filer.getResource(location, pkg, relativeName);
      // Some file managers hand out a handle for a file that does not exist; probe it.
      try (InputStream probe = file.openInputStream()) {
        return file;
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException absent) {
      return null;
    }
  }
}
