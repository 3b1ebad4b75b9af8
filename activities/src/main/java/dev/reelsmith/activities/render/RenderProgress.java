package dev.reelsmith.activities.render;

/**
 * Heartbeat details of {@code renderScene}: how far the render of one scene has got.
 *
 * @param scene 1-based scene number
 * @param framesDone frames rendered and encoded so far
 * @param framesTotal frames the scene has
 */
public record RenderProgress(int scene, int framesDone, int framesTotal) {}
