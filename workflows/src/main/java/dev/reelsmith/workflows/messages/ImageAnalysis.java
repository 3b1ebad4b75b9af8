package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the upload step learned about one reference image.
 *
 * @param index the image's 1-based position, as in {@link ImageRef#index()}
 * @param normalized path (relative to the generation folder) of an upright sRGB copy, scaled down
 *     to what rendering needs; renderers read this file, never the upload
 * @param width upright width of the original, in pixels
 * @param height upright height of the original, in pixels
 * @param palette dominant colours as {@code #RRGGBB}, most dominant first
 * @param brightness mean luma, 0 (black) to 1 (white)
 * @param contrast luma standard deviation scaled to 0..1
 * @param salient where the subject most likely is; camera moves frame on it
 * @param transparent whether the image has meaningful alpha (a cut-out product shot)
 */
public record ImageAnalysis(
    int index,
    String normalized,
    int width,
    int height,
    Orientation orientation,
    List<String> palette,
    double brightness,
    double contrast,
    Region salient,
    boolean transparent) {

  public ImageAnalysis {
    palette = List.copyOf(palette);
  }

  /** Landscape, portrait or square, from the upright dimensions. */
  public enum Orientation {
    @JsonProperty("landscape")
    LANDSCAPE,
    @JsonProperty("portrait")
    PORTRAIT,
    @JsonProperty("square")
    SQUARE;

    public static Orientation of(int width, int height) {
      if (width * 100 > height * 105) {
        return LANDSCAPE;
      }
      if (height * 100 > width * 105) {
        return PORTRAIT;
      }
      return SQUARE;
    }
  }
}
