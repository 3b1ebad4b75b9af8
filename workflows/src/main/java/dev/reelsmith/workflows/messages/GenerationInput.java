package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything a generation starts from. The brief is validated and the images are stored before the
 * workflow starts.
 *
 * @param owner the user the generation belongs to, whose limit of running generations it counts
 *     against. Until sign-in exists every generation belongs to {@link #LOCAL_OWNER}; inputs
 *     recorded without an owner belong to that user too.
 */
public record GenerationInput(
    @JsonProperty("generation_id") String generationId,
    Brief brief,
    List<ImageRef> images,
    GenerationSettings settings,
    String owner) {

  /**
   * The one user there is until sign-in exists. A seam: sign-in replaces it with the signed-in
   * user, threaded from {@code GenerationService.start}.
   */
  public static final String LOCAL_OWNER = "local";

  public GenerationInput {
    images = List.copyOf(images);
    if (owner == null) {
      owner = LOCAL_OWNER;
    }
  }

  /** A generation of the local user. */
  public GenerationInput(
      String generationId, Brief brief, List<ImageRef> images, GenerationSettings settings) {
    this(generationId, brief, images, settings, LOCAL_OWNER);
  }
}
