package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Per-generation knobs fixed at start, so the workflow stays deterministic.
 *
 * @param maxParallelScenes how many scenes render at once
 * @param retryWindowSeconds how long a failed generation waits for a retry before it ends
 * @param maxRunningPerUser how many of the owner's generations may run at once; the rest wait in
 *     line. Absent (0) in inputs recorded before the limit existed, which get the default.
 */
public record GenerationSettings(
    @JsonProperty("max_parallel_scenes") int maxParallelScenes,
    @JsonProperty("retry_window_seconds") long retryWindowSeconds,
    @JsonProperty("max_running_per_user") int maxRunningPerUser) {

  /** Two generations of one person at once keep a 2-core worker busy without starving others. */
  public static final int DEFAULT_MAX_RUNNING_PER_USER = 2;

  /** Two scenes at once suits a 2-core worker; a week is long enough to notice a failure. */
  public static final GenerationSettings DEFAULTS =
      new GenerationSettings(2, 7L * 24 * 3600, DEFAULT_MAX_RUNNING_PER_USER);

  public GenerationSettings {
    if (maxParallelScenes < 1) {
      throw new IllegalArgumentException("max_parallel_scenes must be at least 1");
    }
    if (retryWindowSeconds < 0) {
      throw new IllegalArgumentException("retry_window_seconds must not be negative");
    }
    if (maxRunningPerUser < 0) {
      throw new IllegalArgumentException("max_running_per_user must not be negative");
    }
    if (maxRunningPerUser == 0) {
      maxRunningPerUser = DEFAULT_MAX_RUNNING_PER_USER;
    }
  }
}
