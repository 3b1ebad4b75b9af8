package dev.reelsmith.api.progress;

import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import java.util.List;

/**
 * A word about the stream rather than a step of the generation, such as "waiting for a worker". It
 * has the shape of a {@link ProgressUpdate} without {@code seq}, so a page shows it where it shows
 * updates, and it is sent without an SSE id, so it never moves a client's Last-Event-ID.
 */
public record ProgressNotice(
    Step step, Status status, int progress, String message, ProgressUpdate.Data data) {

  private static final ProgressUpdate.Data NO_MEDIA = new ProgressUpdate.Data(List.of(), null);

  /**
   * An in-progress notice at the point of {@code latest}, the last update known (null before the
   * first): same step, percentage and media, so a progress bar does not move.
   */
  static ProgressNotice at(ProgressUpdate latest, String message) {
    return latest == null
        ? new ProgressNotice(Step.INIT, Status.IN_PROGRESS, 0, message, NO_MEDIA)
        : new ProgressNotice(
            latest.step(), Status.IN_PROGRESS, latest.progress(), message, latest.data());
  }
}
