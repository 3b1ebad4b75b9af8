package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A smooth camera move over one scene, from one framing to another.
 *
 * <p>Coordinates refer to the scene's canvas: the reference image laid out at the output frame size
 * according to {@link Framing}. A framing of zoom 1 centred at (0.5, 0.5) shows the whole canvas;
 * zoom 1.2 shows 1/1.2 of it around the centre. Renderers clamp the window to the canvas.
 */
public record CameraMove(Framing framing, Keyframe from, Keyframe to, Easing easing) {

  /** Where the camera looks at one instant. */
  public record Keyframe(
      double zoom,
      @JsonProperty("center_x") double centerX,
      @JsonProperty("center_y") double centerY) {}

  /** How the reference image fills the frame. */
  public enum Framing {
    /** Fill the frame, cropping what does not fit. */
    @JsonProperty("cover")
    COVER,
    /** Show the whole image over a soft, blurred fill of itself. */
    @JsonProperty("contain")
    CONTAIN
  }

  /** The speed curve of the move. */
  public enum Easing {
    @JsonProperty("linear")
    LINEAR,
    @JsonProperty("ease_in_out")
    EASE_IN_OUT,
    @JsonProperty("ease_out")
    EASE_OUT;

    /** Maps linear time 0..1 to eased progress 0..1. */
    public double apply(double t) {
      double x = Math.max(0, Math.min(1, t));
      return switch (this) {
        case LINEAR -> x;
        case EASE_IN_OUT -> x * x * (3 - 2 * x);
        case EASE_OUT -> 1 - (1 - x) * (1 - x);
      };
    }
  }
}
