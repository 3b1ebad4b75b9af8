package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * One progress update (PRODUCT.md §3). {@code seq} numbers updates from 1 across the whole
 * generation, attempts included, so a client can resume after the last one it saw.
 */
public record ProgressUpdate(
    long seq, Step step, Status status, int progress, String message, Data data) {

  /** Whether a client can stop listening after this update. */
  public boolean terminal() {
    return (step == Step.COMPLETE && status == Status.COMPLETED)
        || status == Status.FAILED
        || status == Status.CANCELLED;
  }

  /** Media links known when the update was made. */
  public record Data(
      @JsonProperty("scene_videos") List<String> sceneVideos,
      @JsonProperty("final_video_path") @Nullable String finalVideoPath) {

    public Data {
      sceneVideos = List.copyOf(sceneVideos);
    }
  }
}
