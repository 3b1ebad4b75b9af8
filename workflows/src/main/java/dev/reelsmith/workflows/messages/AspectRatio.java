package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Output frame shape. Frame sizes for each resolution are fixed by PRODUCT.md §6. */
public enum AspectRatio {
  @JsonProperty("16:9")
  LANDSCAPE("16:9"),
  @JsonProperty("9:16")
  PORTRAIT("9:16"),
  @JsonProperty("1:1")
  SQUARE("1:1");

  private final String wireName;

  AspectRatio(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Exact output width in pixels. */
  public int width(Resolution resolution) {
    int shortSide = resolution.shortSide();
    return this == LANDSCAPE ? shortSide * 16 / 9 : shortSide;
  }

  /** Exact output height in pixels. */
  public int height(Resolution resolution) {
    int shortSide = resolution.shortSide();
    return this == PORTRAIT ? shortSide * 16 / 9 : shortSide;
  }
}
