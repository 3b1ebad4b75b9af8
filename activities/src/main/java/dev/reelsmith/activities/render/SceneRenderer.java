package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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
   * A job a video API has accepted (and will bill for), as much as is needed to find it again. No
   * key: it goes into heartbeat details and a file in the media store.
   *
   * @param provider the renderer that submitted it, so another provider never polls it
   * @param id the provider's job id
   * @param statusUrl where its status is read, when the provider names one
   * @param resultUrl where its result is read, when the provider names one
   */
  record ProviderJob(String provider, String id, String statusUrl, String resultUrl) {}

  /**
   * Keeps a scene's provider job across attempts and workers, so that a retry polls the job that
   * was paid for instead of submitting a second one.
   */
  interface Jobs {

    /** The job an earlier attempt submitted for this scene and did not finish, if any. */
    Optional<ProviderJob> pending();

    /** Records a just-submitted job durably; returns only once a crash could not lose it. */
    void started(ProviderJob job) throws IOException;

    /** Drops the job: it failed or its result is gone, so the next attempt submits a new one. */
    void forget() throws IOException;

    /** Jobs kept only for this call, for callers that run no activity. */
    static Jobs inMemory() {
      return new Jobs() {
        private ProviderJob job;

        @Override
        public Optional<ProviderJob> pending() {
          return Optional.ofNullable(job);
        }

        @Override
        public void started(ProviderJob submitted) {
          job = submitted;
        }

        @Override
        public void forget() {
          job = null;
        }
      };
    }
  }

  /**
   * Renders {@code scene} into {@code output}, a fresh temporary file that the caller publishes
   * when this returns.
   *
   * @param referenceImage the scene's reference image ({@link SceneParams#imagePath()}), resolved
   */
  void render(SceneParams scene, Path referenceImage, Path output, Progress progress)
      throws IOException;

  /**
   * Renders as {@link #render(SceneParams, Path, Path, Progress)} does, keeping any provider job in
   * {@code jobs}. Renderers that submit no jobs need not override this.
   */
  default void render(
      SceneParams scene, Path referenceImage, Path output, Progress progress, Jobs jobs)
      throws IOException {
    render(scene, referenceImage, output, progress);
  }
}
