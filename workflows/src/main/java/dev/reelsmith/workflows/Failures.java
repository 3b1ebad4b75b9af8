package dev.reelsmith.workflows;

/**
 * Typed reasons for failures, used as {@code ApplicationFailure} types. Permanent ones are raised
 * non-retryable: retrying them would only fail again the same way.
 */
public enum Failures {
  /** The brief breaks a rule of PRODUCT.md §5.1. */
  INVALID_BRIEF,
  /** A reference image cannot be decoded, or is not an image at all. */
  INVALID_IMAGE,
  /** An artefact that an earlier step produced is missing or damaged. */
  MISSING_ARTEFACT,
  /** Rendering a scene failed. */
  RENDER_FAILED,
  /** Joining the scenes into the final ad failed. */
  STITCH_FAILED,
  /** A provider refused the request for good (safety, validation, bad key). */
  PROVIDER_REJECTED,
  /** A provider asked us to slow down; retried after the delay it named. */
  PROVIDER_RATE_LIMITED,
  /** A provider was down, slow or failing (5xx, timeouts); retried with back-off. */
  PROVIDER_UNAVAILABLE,
  /** A retry window passed with nobody asking for a retry. */
  ABANDONED,
  /**
   * The Temporal server forgot the generation's workflow (an embedded server that restarted); what
   * its steps recorded is kept, and a retry resumes from there.
   */
  INTERRUPTED
}
