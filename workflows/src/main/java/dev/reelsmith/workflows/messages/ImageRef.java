package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reference image already stored in the generation's media folder.
 *
 * @param index 1-based position chosen by the user
 * @param path path relative to the generation's media folder, e.g. {@code uploads/image_01.jpg}
 * @param originalName the file name the user gave, for display only
 */
public record ImageRef(
    int index, String path, @JsonProperty("original_name") String originalName) {}
