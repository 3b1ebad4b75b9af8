package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Per-generation knobs fixed at start, so the workflow stays deterministic.
 *
 * @param maxParallelScenes how many scenes render at once
 * @param retryWindowSeconds how long a failed generation waits for a retry before it ends
 */
public record GenerationSettings(
    @JsonProperty("max_parallel_scenes") int maxParallelScenes,
    @JsonProperty("retry_window_seconds") long retryWindowSeconds) {

  /** Two scenes at once suits a 2-core worker; a week is long enough to notice a failure. */
  public static final GenerationSettings DEFAULTS = new GenerationSettings(2, 7L * 24 * 3600);

  public GenerationSettings {
    if (maxParallelScenes < 1) {
      throw new IllegalArgumentException("max_parallel_scenes must be at least 1");
    }
    if (retryWindowSeconds < 0) {
      throw new IllegalArgumentException("retry_window_seconds must not be negative");
    }
  }
}
