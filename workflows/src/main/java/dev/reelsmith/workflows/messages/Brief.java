package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * What the user asked for (PRODUCT.md §5.1). A {@code Brief} inside the workflow has already passed
 * {@link dev.reelsmith.workflows.Briefs#parse}: defaults are filled in and every rule holds, so
 * {@link #sceneCount()} is never null here.
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
    @JsonProperty("scene_count") Integer sceneCount) {

  public Brief {
    brandColors = brandColors == null ? List.of() : List.copyOf(brandColors);
  }

  public int width() {
    return aspectRatio.width(resolution);
  }

  public int height() {
    return aspectRatio.height(resolution);
  }
}
