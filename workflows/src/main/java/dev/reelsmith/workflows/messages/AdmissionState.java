package dev.reelsmith.workflows.messages;

import java.util.List;

/**
 * One owner's slots: who runs and who waits, in the order they asked. The admission workflow's
 * query answer, and what it carries over when it continues as new.
 *
 * @param running the requests holding a slot, oldest first
 * @param waiting the requests waiting for one, first come first served
 */
public record AdmissionState(
    int limit, List<AdmissionRequest> running, List<AdmissionRequest> waiting) {

  public AdmissionState {
    running = List.copyOf(running);
    waiting = List.copyOf(waiting);
  }

  /** Nobody runs or waits yet; the first request sets the limit. */
  public static AdmissionState empty(int limit) {
    return new AdmissionState(limit, List.of(), List.of());
  }
}
