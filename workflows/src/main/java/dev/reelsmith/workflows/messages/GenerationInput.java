package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything a generation starts from. The brief is validated and the images are stored before the
 * workflow starts.
 */
public record GenerationInput(
    @JsonProperty("generation_id") String generationId,
    Brief brief,
    List<ImageRef> images,
    GenerationSettings settings) {

  public GenerationInput {
    images = List.copyOf(images);
  }
}
