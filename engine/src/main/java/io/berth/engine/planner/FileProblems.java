package io.berth.engine.planner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * File system failures in a person's words: which path and what is wrong with it ({@code /srv is
 * not writable}, {@code plan.json does not exist}), never the JDK's exception names or a bare
 * path, which is all some of them carry as their message. And the checks an output path gets
 * before a command does any work, so a path it cannot write fails first, naming the option.
 */
public final class FileProblems {
  private FileProblems() {}

  /** {@code <path>: <what is wrong>} for {@code e}; {@code path} names the file when the exception does not. */
  public static String describe(IOException e, Path path) {
    String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : String.valueOf(path);
    if (e instanceof NoSuchFileException) {
      return file + " does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return file + " is not writable or readable by you (permission denied)";
    }
    if (e instanceof FileAlreadyExistsException) {
      return file + " already exists" + (Files.isRegularFile(Path.of(file)) ? " as a file" : "");
    }
    if (e instanceof NotDirectoryException) {
      return file + " is not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return file + " is a directory that is not empty";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return file + ": " + fs.getReason().toLowerCase(Locale.ROOT);
    }
    String message = e.getMessage();
    return file + ": " + (message == null || message.isBlank() ? "an input/output error" : lowerFirst(message));
  }

  /** As {@link #describe(IOException, Path)} for an unchecked one, or its own message when it was given one. */
  public static String describe(UncheckedIOException e) {
    String message = e.getMessage();
    IOException cause = e.getCause();
    return message == null || message.equals(String.valueOf(cause)) ? describe(cause, null) : message;
  }

  /**
   * Refuses an output file path that cannot be written, before any work: a directory, or a path
   * below a file, or below a directory that is not writable. {@code option} names the option
   * ({@code --out}) and {@code example} a good value.
   */
  public static void checkOutputFile(Path file, String option, String example) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(option + " " + file + " is a directory; name a file in it for the plan, e.g. "
          + file.resolve(example.substring(example.lastIndexOf('/') + 1)));
    }
    checkWritableParent(file.toAbsolutePath().getParent(), option + " " + file, example);
  }

  /** Refuses an output directory path that is a file or cannot be created, before any work. */
  public static void checkOutputDirectory(Path dir, String option, String example) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + " " + dir + " is a file, not a directory; give a directory (it is"
          + " created when missing), e.g. " + option + " " + example);
    }
    if (!Files.exists(dir)) {
      checkWritableParent(dir.toAbsolutePath().getParent(), option + " " + dir, example);
    } else if (!Files.isWritable(dir)) {
      throw new IllegalArgumentException(option + " " + dir + " is not writable by you; choose a directory you can"
          + " write, e.g. " + option + " " + example);
    }
  }

  /** The nearest existing ancestor of a path to create must be a writable directory. */
  private static void checkWritableParent(Path parent, String what, String example) {
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    String option = what.substring(0, what.indexOf(' '));
    if (existing == null) {
      return; // nothing exists up to the root: the write says why
    }
    if (!Files.isDirectory(existing)) {
      throw new IllegalArgumentException(what + " cannot be created: " + existing + " is a file, not a directory;"
          + " choose another path, e.g. " + option + " " + example);
    }
    if (!Files.isWritable(existing)) {
      throw new IllegalArgumentException(what + " cannot be created: " + existing + " is not writable by you;"
          + " choose a path you can write, e.g. " + option + " " + example);
    }
  }

  /** The first line of {@code message} with a small first letter, or empty. */
  static Optional<String> firstLine(String message) {
    return Optional.ofNullable(message).flatMap(m -> m.lines().findFirst()).map(FileProblems::lowerFirst);
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() || Character.isUpperCase(text.charAt(0)) && text.length() > 1
        && Character.isUpperCase(text.charAt(1)) ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
