package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders one scene to an MP4 file (PRODUCT.md §7): the local renderer does it in-process; a remote
 * video-API provider submits the job and polls. Either way the result must be H.264 yuv420p at the
 * scene's exact size, frame rate and frame count, so the stitcher can join it.
 *
 * <p>Permanent problems (bad parameters, an unusable reference image, a provider's refusal) are
 * thrown as {@link PermanentRenderException}; anything else is taken as transient and retried.
 */
public interface SceneRenderer {

  /** Where a render is, for heartbeats. Called often; implementations must be cheap. */
  @FunctionalInterface
  interface Progress {
    void update(int framesDone, int framesTotal);
  }

  /**
   * Renders {@code scene} into {@code output}, a fresh temporary file that the caller publishes
   * when this returns.
   *
   * @param referenceImage the scene's reference image ({@link SceneParams#imagePath()}), resolved
   */
  void render(SceneParams scene, Path referenceImage, Path output, Progress progress)
      throws IOException;
}
