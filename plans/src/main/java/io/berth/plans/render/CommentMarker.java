package io.berth.plans.render;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden first line of every pull-request comment file {@code berth plan --comment-dir} writes,
 * {@code <!-- berth:plan stack=web part=1/2 -->}: an HTML comment, so the hosting service does not
 * show it, naming the stack and which part of the plan the comment is. It lets the comment step find
 * the comments an earlier run posted for the same stack and edit them in place.
 *
 * @param stack the planned stack
 * @param part this comment's number, from 1
 * @param parts how many comments the plan has
 */
public record CommentMarker(String stack, int part, int parts) {
  private static final Pattern LINE =
      Pattern.compile("\\A\\s*<!-- berth:plan stack=([A-Za-z0-9_-]{1,255}) part=([1-9][0-9]{0,5})/([1-9][0-9]{0,5}) -->");

  /** Checks that the part is within the plan's parts. */
  public CommentMarker {
    if (part < 1 || part > parts) {
      throw new IllegalArgumentException("comment part " + part + " of " + parts + " is out of range");
    }
  }

  /** The marker as the comment's first line. */
  public String line() {
    return "<!-- berth:plan stack=" + stack + " part=" + part + "/" + parts + " -->";
  }

  /** The marker a comment's body opens with, if it is one of Berth's plan comments. */
  public static Optional<CommentMarker> of(String body) {
    Matcher matcher = LINE.matcher(body);
    if (!matcher.find()) {
      return Optional.empty();
    }
    int part = Integer.parseInt(matcher.group(2));
    int parts = Integer.parseInt(matcher.group(3));
    return part <= parts ? Optional.of(new CommentMarker(matcher.group(1), part, parts)) : Optional.empty();
  }
}
