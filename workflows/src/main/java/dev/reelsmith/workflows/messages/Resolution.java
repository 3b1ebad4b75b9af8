package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Output resolution, named by the short side of the frame. */
public enum Resolution {
  @JsonProperty("720p")
  HD(720),
  @JsonProperty("1080p")
  FULL_HD(1080);

  private final int shortSide;

  Resolution(int shortSide) {
    this.shortSide = shortSide;
  }

  public int shortSide() {
    return shortSide;
  }

  public String wireName() {
    return shortSide + "p";
  }
}
