package dev.reelsmith.workflows.messages;

import jakarta.annotation.Nullable;

/**
 * Where one scene's render stands: {@code pending}, {@code rendering}, {@code completed} or {@code
 * failed}.
 *
 * @param video media link of the rendered scene, once completed
 * @param poster media link of its poster, once completed
 * @param error what went wrong, when failed
 */
public record SceneState(
    int index,
    RenderStatus status,
    @Nullable String video,
    @Nullable String poster,
    @Nullable String error) {

  public static SceneState pending(int index) {
    return new SceneState(index, RenderStatus.PENDING, null, null, null);
  }

  public SceneState rendering() {
    return new SceneState(index, RenderStatus.RENDERING, null, null, null);
  }

  public SceneState completed(String video, String poster) {
    return new SceneState(index, RenderStatus.COMPLETED, video, poster, null);
  }

  public SceneState failed(String error) {
    return new SceneState(index, RenderStatus.FAILED, null, null, error);
  }

  public boolean done() {
    return status == RenderStatus.COMPLETED;
  }

  /** The life of one scene render. */
  public enum RenderStatus {
    @com.fasterxml.jackson.annotation.JsonProperty("pending")
    PENDING,
    @com.fasterxml.jackson.annotation.JsonProperty("rendering")
    RENDERING,
    @com.fasterxml.jackson.annotation.JsonProperty("completed")
    COMPLETED,
    @com.fasterxml.jackson.annotation.JsonProperty("failed")
    FAILED
  }
}
