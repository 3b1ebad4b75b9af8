package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One scene of the ad.
 *
 * @param index 1-based
 * @param role the story beat this scene carries
 * @param narration what a voice-over would say
 * @param caption the short on-screen text
 * @param visual what the viewer sees, in words (also the prompt seed for video models)
 * @param durationSeconds on-screen time, including the transition into the next scene
 * @param imageIndex the reference image ({@link ImageRef#index()}) this scene is built on
 */
public record Scene(
    int index,
    StoryBeat.Role role,
    String narration,
    String caption,
    String visual,
    @JsonProperty("duration_seconds") double durationSeconds,
    @JsonProperty("image_index") int imageIndex) {}
