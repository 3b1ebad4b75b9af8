package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a generation ended: completed with its ad, or cancelled. */
public record GenerationResult(
    @JsonProperty("generation_id") String generationId, Status status, FinalAd ad) {}
