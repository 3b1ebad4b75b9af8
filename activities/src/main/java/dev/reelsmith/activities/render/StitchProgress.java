package dev.reelsmith.activities.render;

/**
 * Heartbeat details of {@code stitchAd}: how far the join has got.
 *
 * @param scenesDone scenes whose frames are all in the output
 * @param sceneCount scenes in the ad
 * @param framesWritten frames of the ad written so far
 * @param framesTotal frames the ad will have
 */
public record StitchProgress(int scenesDone, int sceneCount, int framesWritten, int framesTotal) {}
