package io.berth.engine.autoscaling;

/** One policy's say in an evaluation: scale out or in to a count, hold the count, or abstain. */
record Vote(Kind kind, int desired, String reason) {

  /** OUT wins if any policy says so; IN needs every voting policy to agree; HOLD blocks IN. */
  enum Kind { OUT, IN, HOLD, ABSTAIN }

  static Vote out(int desired, String reason) {
    return new Vote(Kind.OUT, desired, reason);
  }

  static Vote in(int desired, String reason) {
    return new Vote(Kind.IN, desired, reason);
  }

  static Vote hold(String reason) {
    return new Vote(Kind.HOLD, -1, reason);
  }

  static Vote abstain(String reason) {
    return new Vote(Kind.ABSTAIN, -1, reason);
  }
}
