package dev.reelsmith.api.generations;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import jakarta.annotation.Nullable;

/**
 * What {@code GET /api/master-mode/generations/{id}} answers: the generation's snapshot, with a
 * link for its owner to open its workflow in Temporal Web when Reelsmith knows where that is.
 *
 * @param temporalWebUrl the workflow in Temporal Web; null unless {@code TEMPORAL_WEB_URL} is set
 */
public record GenerationState(
    @JsonUnwrapped GenerationSnapshot snapshot,
    @JsonProperty("temporal_web_url") @Nullable String temporalWebUrl) {}
