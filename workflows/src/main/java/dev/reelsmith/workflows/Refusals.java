package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.Status;

/**
 * Why a retry or cancel is refused, in one wording whether the workflow's update validator or the
 * API (for a workflow that has already closed) says it.
 */
public final class Refusals {

  private Refusals() {}

  /** Null when a generation in {@code status} may be retried. */
  public static String retry(Status status) {
    return status == Status.FAILED
        ? null
        : "Only a failed generation can be retried; this one is " + status.wireName() + ".";
  }

  /** Null when a generation in {@code status} may be cancelled. */
  public static String cancel(Status status) {
    return switch (status) {
      case CANCELLED -> "This generation has already been cancelled.";
      case COMPLETED -> "This generation has already finished.";
      case IN_PROGRESS, FAILED -> null;
    };
  }
}
