package dev.reelsmith.activities.render;

import io.temporal.activity.ActivityExecutionContext;

/**
 * Heartbeats an activity at most once per {@link #INTERVAL_NANOS} however often progress is
 * reported (a render reports every frame), and always on the first and the last report. The
 * activities' heartbeat timeout is twenty seconds; a beat a second keeps a dead worker's scene from
 * waiting long.
 */
final class Heartbeats {

  static final long INTERVAL_NANOS = 1_000_000_000L;

  private final ActivityExecutionContext context;
  private long last;
  private boolean beaten;

  Heartbeats(ActivityExecutionContext context) {
    this.context = context;
  }

  /** Heartbeats {@code details} if a beat is due or {@code force} is set. */
  void beat(Object details, boolean force) {
    long now = System.nanoTime();
    if (force || !beaten || now - last >= INTERVAL_NANOS) {
      context.heartbeat(details);
      last = now;
      beaten = true;
    }
  }
}
