package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a scene's caption is typeset.
 *
 * @param text the caption, plain text (never interpreted as markup)
 * @param placement where it sits, inside the safe margins
 * @param textColor {@code #RRGGBB}
 * @param panelColor {@code #RRGGBB} of the translucent panel behind the text, for contrast
 * @param accentColor {@code #RRGGBB} of the accent bar (a brand colour when given)
 * @param sizeRatio font size as a fraction of the frame's short side
 * @param appearSeconds when the caption has fully faded in
 */
public record Caption(
    String text,
    Placement placement,
    @JsonProperty("text_color") String textColor,
    @JsonProperty("panel_color") String panelColor,
    @JsonProperty("accent_color") String accentColor,
    @JsonProperty("size_ratio") double sizeRatio,
    @JsonProperty("appear_seconds") double appearSeconds) {

  /** Vertical position of the caption block. */
  public enum Placement {
    @JsonProperty("lower_third")
    LOWER_THIRD,
    @JsonProperty("center")
    CENTER,
    @JsonProperty("top")
    TOP
  }
}
