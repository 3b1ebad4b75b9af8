package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A rendered scene.
 *
 * @param path the MP4, relative to the generation folder
 * @param poster the poster JPEG, relative to the generation folder
 */
public record SceneVideo(
    int index,
    String path,
    String poster,
    @JsonProperty("duration_seconds") double durationSeconds) {}
