package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Nullable;

/**
 * Concrete render parameters for one scene: everything a renderer needs, nothing it must guess.
 *
 * @param index 1-based scene number
 * @param width exact output width
 * @param height exact output height
 * @param fps constant frame rate
 * @param durationSeconds length of the scene video, including its overlap with the next scene
 * @param imagePath the normalised reference image, relative to the generation folder
 * @param camera the camera move
 * @param caption the on-screen text
 * @param transition into the next scene; null for the last scene
 * @param backgroundColor {@code #RRGGBB} behind transparent or contained images
 * @param prompt a text prompt describing the shot, for video-model providers
 * @param seed a deterministic seed derived from the brief and the scene
 * @param narrationPath the scene's voice-over, relative to the generation folder; it starts when
 *     the scene does (with its incoming transition). Null without a voice-over, and in histories
 *     recorded before Reelsmith had one
 * @param narrationSeconds how long the voice-over lasts; null when there is none
 * @param subtitle the voice-over's words, shown from the scene's start until the voice-over ends;
 *     null unless the brief asks for subtitles
 */
public record SceneParams(
    int index,
    int width,
    int height,
    int fps,
    @JsonProperty("duration_seconds") double durationSeconds,
    @JsonProperty("image_path") String imagePath,
    CameraMove camera,
    Caption caption,
    Transition transition,
    @JsonProperty("background_color") String backgroundColor,
    String prompt,
    long seed,
    @JsonProperty("narration_path") @Nullable String narrationPath,
    @JsonProperty("narration_seconds") @Nullable Double narrationSeconds,
    @Nullable Caption subtitle) {

  /** Parameters of a scene without a voice-over. */
  public SceneParams(
      int index,
      int width,
      int height,
      int fps,
      double durationSeconds,
      String imagePath,
      CameraMove camera,
      Caption caption,
      Transition transition,
      String backgroundColor,
      String prompt,
      long seed) {
    this(
        index,
        width,
        height,
        fps,
        durationSeconds,
        imagePath,
        camera,
        caption,
        transition,
        backgroundColor,
        prompt,
        seed,
        null,
        null,
        null);
  }

  /** The number of frames a renderer must produce. */
  public int frameCount() {
    return (int) Math.round(durationSeconds * fps);
  }
}
