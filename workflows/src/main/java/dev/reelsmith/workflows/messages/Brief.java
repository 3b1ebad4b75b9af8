package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * What the user asked for (PRODUCT.md §5.1). A {@code Brief} inside the workflow has already passed
 * {@link dev.reelsmith.workflows.Briefs#parse}: defaults are filled in and every rule holds, so
 * {@link #sceneCount()} is never null here.
 *
 * @param subtitles whether the narration is burned in as subtitles; null (off) unless asked for,
 *     and in histories recorded before subtitles existed
 */
public record Brief(
    @JsonProperty("product_name") String productName,
    String description,
    @Nullable String audience,
    Tone tone,
    @JsonProperty("call_to_action") @Nullable String callToAction,
    @JsonProperty("duration_seconds") Integer durationSeconds,
    @JsonProperty("aspect_ratio") AspectRatio aspectRatio,
    Resolution resolution,
    @JsonProperty("brand_colors") List<String> brandColors,
    @JsonProperty("scene_count") Integer sceneCount,
    @Nullable Boolean subtitles) {

  public Brief {
    brandColors = brandColors == null ? List.of() : List.copyOf(brandColors);
  }

  /** A brief without subtitles. */
  public Brief(
      String productName,
      String description,
      @Nullable String audience,
      Tone tone,
      @Nullable String callToAction,
      Integer durationSeconds,
      AspectRatio aspectRatio,
      Resolution resolution,
      List<String> brandColors,
      Integer sceneCount) {
    this(
        productName,
        description,
        audience,
        tone,
        callToAction,
        durationSeconds,
        aspectRatio,
        resolution,
        brandColors,
        sceneCount,
        null);
  }

  /** Whether the narration is burned in as subtitles. */
  public boolean wantsSubtitles() {
    return Boolean.TRUE.equals(subtitles);
  }

  public int width() {
    return aspectRatio.width(resolution);
  }

  public int height() {
    return aspectRatio.height(resolution);
  }
}
