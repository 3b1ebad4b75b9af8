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
 * @param music the user's music file to mix under the voice-over, relative to the generation folder
 *     ({@link dev.reelsmith.workflows.MediaLayout#music}); null for a music bed in the brief's
 *     tone, and in histories recorded before music could be uploaded
 */
public record GenerationInput(
    @JsonProperty("generation_id") String generationId,
    Brief brief,
    List<ImageRef> images,
    GenerationSettings settings,
    @Nullable String owner,
    @Nullable String music) {

  public GenerationInput {
    images = List.copyOf(images);
  }

  /** A generation with the music bed of its brief's tone. */
  public GenerationInput(
      String generationId,
      Brief brief,
      List<ImageRef> images,
      GenerationSettings settings,
      @Nullable String owner) {
    this(generationId, brief, images, settings, owner, null);
  }
}
