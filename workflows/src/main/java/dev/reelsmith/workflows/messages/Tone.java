package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The voice of an ad; drives copy, pacing, transitions and music. */
public enum Tone {
  @JsonProperty("warm")
  WARM,
  @JsonProperty("energetic")
  ENERGETIC,
  @JsonProperty("premium")
  PREMIUM,
  @JsonProperty("playful")
  PLAYFUL,
  @JsonProperty("calm")
  CALM,
  @JsonProperty("bold")
  BOLD;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
