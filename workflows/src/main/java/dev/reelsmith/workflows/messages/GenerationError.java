package dev.reelsmith.workflows.messages;

import jakarta.annotation.Nullable;

/**
 * Why a generation stopped.
 *
 * @param step the step that failed
 * @param scene the 1-based scene that failed, or null when the step is not per scene
 * @param type the failure's type (a {@link dev.reelsmith.workflows.Failures} name when known)
 * @param message what went wrong, in words a person can act on
 */
public record GenerationError(Step step, @Nullable Integer scene, String type, String message) {}
