package dev.reelsmith.activities.render;

/**
 * Heartbeat details of {@code renderScene}: how far the render of one scene has got.
 *
 * @param scene 1-based scene number
 * @param framesDone frames rendered and encoded so far
 * @param framesTotal frames the scene has
 * @param job the video API's job for the scene, so that a retry polls it rather than paying for a
 *     new one; null for local renders
 */
public record RenderProgress(
    int scene, int framesDone, int framesTotal, SceneRenderer.ProviderJob job) {

  public RenderProgress(int scene, int framesDone, int framesTotal) {
    this(scene, framesDone, framesTotal, null);
  }
}
