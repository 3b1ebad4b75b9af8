package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One beat of the ad's arc. */
public record StoryBeat(Role role, String text) {

  /** The classic ad arc, in order. */
  public enum Role {
    @JsonProperty("hook")
    HOOK,
    @JsonProperty("problem")
    PROBLEM,
    @JsonProperty("reveal")
    REVEAL,
    @JsonProperty("benefit")
    BENEFIT,
    @JsonProperty("call_to_action")
    CALL_TO_ACTION
  }
}
