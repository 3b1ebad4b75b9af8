package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How one scene hands over to the next; the two overlap for {@code durationSeconds}. */
public record Transition(Kind kind, @JsonProperty("duration_seconds") double durationSeconds) {

  /** The transitions the stitcher knows. */
  public enum Kind {
    @JsonProperty("crossfade")
    CROSSFADE,
    @JsonProperty("fade_black")
    FADE_BLACK,
    @JsonProperty("wipe_left")
    WIPE_LEFT,
    @JsonProperty("slide_left")
    SLIDE_LEFT
  }
}
