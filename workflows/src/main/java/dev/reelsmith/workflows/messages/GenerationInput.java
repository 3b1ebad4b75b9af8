package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * Everything a generation starts from. The brief is validated and the images are stored before the
 * workflow starts.
 *
 * @param owner the account that created the generation, the only one that may see it; null in
 *     histories and manifests recorded before Reelsmith had accounts
 */
public record GenerationInput(
    @JsonProperty("generation_id") String generationId,
    Brief brief,
    List<ImageRef> images,
    GenerationSettings settings,
    @Nullable String owner) {

  public GenerationInput {
    images = List.copyOf(images);
  }
}
