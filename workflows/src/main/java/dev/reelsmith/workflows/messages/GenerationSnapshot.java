package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * The whole state of a generation at one moment, as the workflow's query returns it. Fields for
 * steps not reached yet are null (story, scenes) or empty (lists); the snapshot itself never is.
 *
 * @param attempt 1 for the first run, +1 for every retry
 * @param sceneVideos media links of the rendered scenes, in scene order
 * @param finalVideoPath media link of the final ad, once stitched
 * @param posterPath media link of the final ad's poster, once stitched
 */
public record GenerationSnapshot(
    @JsonProperty("generation_id") String generationId,
    int attempt,
    Step step,
    Status status,
    int progress,
    String message,
    Brief brief,
    List<ImageAnalysis> images,
    @Nullable Story story,
    @Nullable ScenePlan scenes,
    @JsonProperty("scene_states") List<SceneState> sceneStates,
    @JsonProperty("scene_videos") List<String> sceneVideos,
    @JsonProperty("final_video_path") @Nullable String finalVideoPath,
    @JsonProperty("poster_path") @Nullable String posterPath,
    @JsonProperty("duration_seconds") @Nullable Double durationSeconds,
    @Nullable GenerationError error,
    @JsonProperty("last_seq") long lastSeq) {

  public GenerationSnapshot {
    images = List.copyOf(images);
    sceneStates = List.copyOf(sceneStates);
    sceneVideos = List.copyOf(sceneVideos);
  }
}
