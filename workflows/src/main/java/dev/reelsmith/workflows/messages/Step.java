package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The pipeline's steps, in order (PRODUCT.md §3). */
public enum Step {
  @JsonProperty("init")
  INIT,
  @JsonProperty("upload")
  UPLOAD,
  @JsonProperty("story")
  STORY,
  @JsonProperty("scenes")
  SCENES,
  @JsonProperty("video_params")
  VIDEO_PARAMS,
  @JsonProperty("videos")
  VIDEOS,
  @JsonProperty("complete")
  COMPLETE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
