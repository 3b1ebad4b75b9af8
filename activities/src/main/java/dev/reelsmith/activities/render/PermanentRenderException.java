package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.Failures;

/**
 * Rendering or stitching cannot succeed with these inputs, however often it is retried: a reference
 * image is missing or damaged, the parameters contradict each other, a provider refused the job.
 * {@link RenderActivitiesImpl} turns it into a non-retryable {@code ApplicationFailure} of type
 * {@link #reason()}; the message is shown to a person, so it says what to do.
 */
public class PermanentRenderException extends RuntimeException {

  private final Failures reason;

  public PermanentRenderException(Failures reason, String message) {
    super(message);
    this.reason = reason;
  }

  public PermanentRenderException(Failures reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Failures reason() {
    return reason;
  }
}
