package io.berth.engine.api;

/** What the control plane wants of a task: keep it running, or stop it. */
public enum DesiredStatus {
  RUNNING,
  STOPPED
}
