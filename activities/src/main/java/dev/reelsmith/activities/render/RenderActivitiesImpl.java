package dev.reelsmith.activities.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The video step (PRODUCT.md §2): renders each scene through a {@link SceneRenderer}, then joins
 * them with the {@link Stitcher}.
 *
 * <p>Both activities are idempotent: an artefact that is already published is never made again, and
 * every artefact is published atomically through {@link MediaStore#publish}, so a crashed attempt
 * leaves nothing a retry could mistake for a finished file. Both heartbeat about once a second with
 * their progress. A retried attempt reads the last attempt's progress and logs it; it cannot resume
 * inside a file (an encoder's state does not survive a crash), but everything a previous attempt
 * finished, a scene, a video without its poster, is kept.
 *
 * <p>A remote renderer's provider job is the exception: it is kept across attempts and workers
 * ({@link SceneRenderer.Jobs}), so a retry resumes polling the job that was paid for.
 *
 * <p>Permanent failures become non-retryable {@link ApplicationFailure}s typed with {@link
 * Failures}; I/O and FFmpeg errors are thrown as they are, for Temporal to retry.
 */
@ActivityImpl(taskQueues = Generations.RENDER_TASK_QUEUE)
public class RenderActivitiesImpl implements RenderActivities {

  private static final System.Logger LOG = System.getLogger(RenderActivitiesImpl.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MediaStore store;
  private final Manifest manifest;
  private final SceneRenderer renderer;
  private final Stitcher stitcher = new Stitcher();

  public RenderActivitiesImpl(MediaStore store, SceneRenderer renderer) {
    this.store = store;
    this.manifest = new Manifest(store);
    this.renderer = renderer;
  }

  @Override
  public SceneVideo renderScene(String generationId, SceneParams params) {
    return manifest.remember(
        generationId,
        Manifest.scene(params.index()),
        scene -> published(generationId, scene.path(), scene.poster()),
        () -> render(generationId, params));
  }

  @Override
  public FinalAd stitchAd(
      String generationId, Brief brief, List<SceneParams> params, List<SceneVideo> scenes) {
    return manifest.remember(
        generationId,
        Manifest.FINAL,
        ad -> published(generationId, ad.path(), ad.poster()),
        () -> stitch(generationId, brief, params, scenes));
  }

  private boolean published(String generationId, String video, String poster) {
    return store.exists(generationId, video) && store.exists(generationId, poster);
  }

  private SceneVideo render(String generationId, SceneParams params) {
    String video = MediaLayout.sceneVideo(params.index());
    String poster = MediaLayout.scenePoster(params.index());
    SceneVideo result =
        new SceneVideo(params.index(), video, poster, (double) params.frameCount() / params.fps());
    if (store.exists(generationId, video) && store.exists(generationId, poster)) {
      return result;
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    try {
      SceneChecks.validate(params);
      if (!store.exists(generationId, video)) {
        renderVideo(context, generationId, params, video);
      }
      Path published = store.path(generationId, video);
      store.publish(
          generationId,
          poster,
          file -> Posters.write(published, posterSeconds(params), params.fps(), file));
      return result;
    } catch (PermanentRenderException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          e.getMessage(), e.reason().name(), e);
    } catch (ProviderException e) {
      throw e.toFailure();
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }

  private void renderVideo(
      ActivityExecutionContext context, String generationId, SceneParams params, String video)
      throws IOException {
    Path reference = resolve(generationId, params.imagePath(), params.index());
    if (!Files.isRegularFile(reference)) {
      throw new PermanentRenderException(
          Failures.MISSING_ARTEFACT,
          String.format(
              Locale.ROOT,
              "Scene %d: the reference image %s is missing; upload the images again.",
              params.index(),
              params.imagePath()));
    }
    RenderProgress last = context.getHeartbeatDetails(RenderProgress.class).orElse(null);
    if (last != null) {
      LOG.log(
          Level.INFO,
          "scene {0}: attempt {1} starts over; the previous attempt had rendered {2} of {3} frames,"
              + " and a partial video is never kept{4}",
          params.index(),
          context.getInfo().getAttempt(),
          last.framesDone(),
          last.framesTotal(),
          last.job() == null
              ? ""
              : "; it polls " + last.job().provider() + " job " + last.job().id());
    }
    SceneJobs jobs =
        new SceneJobs(
            generationId, params, new Heartbeats(context), last == null ? null : last.job());
    store.publish(
        generationId, video, file -> renderer.render(params, reference, file, jobs::update, jobs));
    jobs.finished();
  }

  /** Where a scene's provider job is kept: beside the scene's video, never in a manifest. */
  public static String jobFile(int scene) {
    return MediaLayout.sceneVideo(scene).replaceFirst("\\.mp4$", ".job.json");
  }

  /**
   * A scene's provider job, kept in the heartbeat details and in a {@link #jobFile} beside the
   * scene: a worker that dies may not have sent its last heartbeat, and any worker reads the file.
   * Every heartbeat carries the job, because each replaces the last one's details.
   */
  private final class SceneJobs implements SceneRenderer.Jobs {

    private final String generationId;
    private final SceneParams params;
    private final String file;
    private final Heartbeats heartbeats;
    private SceneRenderer.ProviderJob job;
    private int framesDone;

    SceneJobs(
        String generationId,
        SceneParams params,
        Heartbeats heartbeats,
        SceneRenderer.ProviderJob fromHeartbeat)
        throws IOException {
      this.generationId = generationId;
      this.params = params;
      this.file = jobFile(params.index());
      this.heartbeats = heartbeats;
      Path saved = store.path(generationId, file);
      this.job =
          fromHeartbeat != null || !Files.isRegularFile(saved)
              ? fromHeartbeat
              : JSON.readValue(saved.toFile(), SceneRenderer.ProviderJob.class);
    }

    @Override
    public Optional<SceneRenderer.ProviderJob> pending() {
      return Optional.ofNullable(job);
    }

    @Override
    public void started(SceneRenderer.ProviderJob submitted) throws IOException {
      store.publish(generationId, file, f -> JSON.writeValue(f.toFile(), submitted));
      job = submitted;
      beat(true);
    }

    @Override
    public void forget() throws IOException {
      Files.deleteIfExists(store.path(generationId, file));
      job = null;
      beat(true);
    }

    void update(int done, int total) {
      framesDone = done;
      beat(done == total);
    }

    /** The scene is published: its job, if any, is done with. */
    void finished() throws IOException {
      Files.deleteIfExists(store.path(generationId, file));
    }

    private void beat(boolean force) {
      heartbeats.beat(
          new RenderProgress(params.index(), framesDone, params.frameCount(), job), force);
    }
  }

  private FinalAd stitch(
      String generationId, Brief brief, List<SceneParams> params, List<SceneVideo> scenes) {
    try {
      List<Stitcher.Scene> joined = pair(generationId, params, scenes);
      List<SceneParams> ordered = joined.stream().map(Stitcher.Scene::params).toList();
      SceneParams first = ordered.get(0);
      checkBriefSize(brief, first);
      int frames = Timeline.totalFrames(ordered);
      FinalAd result =
          new FinalAd(
              MediaLayout.FINAL_VIDEO,
              MediaLayout.FINAL_POSTER,
              (double) frames / first.fps(),
              first.width(),
              first.height());
      if (store.exists(generationId, MediaLayout.FINAL_VIDEO)
          && store.exists(generationId, MediaLayout.FINAL_POSTER)) {
        return result;
      }
      for (Stitcher.Scene scene : joined) {
        if (!Files.isRegularFile(scene.video())) {
          throw new PermanentRenderException(
              Failures.MISSING_ARTEFACT,
              String.format(
                  Locale.ROOT,
                  "Scene %d's video %s is missing; render the scene again.",
                  scene.params().index(),
                  MediaLayout.sceneVideo(scene.params().index())));
        }
      }
      ActivityExecutionContext context = Activity.getExecutionContext();
      context
          .getHeartbeatDetails(StitchProgress.class)
          .ifPresent(
              last ->
                  LOG.log(
                      Level.INFO,
                      "stitch attempt {0} starts over; the previous attempt had joined {1} of {2}"
                          + " scenes ({3} of {4} frames)",
                      context.getInfo().getAttempt(),
                      last.scenesDone(),
                      last.sceneCount(),
                      last.framesWritten(),
                      last.framesTotal()));
      Heartbeats heartbeats = new Heartbeats(context);
      if (!store.exists(generationId, MediaLayout.FINAL_VIDEO)) {
        store.publish(
            generationId,
            MediaLayout.FINAL_VIDEO,
            file ->
                stitcher.stitch(
                    joined,
                    new Stitcher.Music(brief.tone(), music(generationId)),
                    file,
                    (done, count, written, total) ->
                        heartbeats.beat(
                            new StitchProgress(done, count, written, total), done == count)));
      }
      Path published = store.path(generationId, MediaLayout.FINAL_VIDEO);
      store.publish(
          generationId,
          MediaLayout.FINAL_POSTER,
          file -> Posters.write(published, posterSeconds(first), first.fps(), file));
      return result;
    } catch (PermanentRenderException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          e.getMessage(), e.reason().name(), e);
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }

  /** The music file uploaded with the brief, or null for a music bed in the brief's tone. */
  private Path music(String generationId) {
    String music =
        manifest.read(generationId, Manifest.GENERATION).map(Manifest.Created::music).orElse(null);
    if (music == null) {
      return null;
    }
    if (!store.exists(generationId, music)) {
      throw new PermanentRenderException(
          Failures.MISSING_ARTEFACT,
          "The music uploaded with the brief (" + music + ") is missing; start a new ad with it.");
    }
    return store.path(generationId, music);
  }

  /** Scenes in order with their parameters; every scene must have exactly one of each. */
  private List<Stitcher.Scene> pair(
      String generationId, List<SceneParams> params, List<SceneVideo> scenes) {
    if (params == null || scenes == null || params.isEmpty() || params.size() != scenes.size()) {
      throw new PermanentRenderException(
          Failures.STITCH_FAILED,
          String.format(
              Locale.ROOT,
              "The ad needs one rendered video per scene; got %d parameter sets and %d videos.",
              params == null ? 0 : params.size(),
              scenes == null ? 0 : scenes.size()));
    }
    Map<Integer, SceneVideo> byIndex =
        scenes.stream()
            .collect(Collectors.toMap(SceneVideo::index, Function.identity(), (a, b) -> a));
    List<Stitcher.Scene> joined = new ArrayList<>();
    for (SceneParams p :
        params.stream().sorted(Comparator.comparingInt(SceneParams::index)).toList()) {
      SceneVideo video = byIndex.get(p.index());
      if (video == null) {
        throw new PermanentRenderException(
            Failures.STITCH_FAILED,
            "Scene " + p.index() + " has parameters but no rendered video; render it again.");
      }
      Path narration =
          p.narrationPath() == null ? null : store.path(generationId, p.narrationPath());
      joined.add(new Stitcher.Scene(resolve(generationId, video.path(), p.index()), p, narration));
    }
    return joined;
  }

  private static void checkBriefSize(Brief brief, SceneParams first) {
    if (brief.aspectRatio() == null || brief.resolution() == null) {
      return;
    }
    if (brief.width() != first.width() || brief.height() != first.height()) {
      throw new PermanentRenderException(
          Failures.STITCH_FAILED,
          String.format(
              Locale.ROOT,
              "The scenes are %dx%d but the brief asks for %dx%d; prepare the video parameters"
                  + " again.",
              first.width(),
              first.height(),
              brief.width(),
              brief.height()));
    }
  }

  /** A path from the workflow, resolved inside the generation's folder or refused for good. */
  private Path resolve(String generationId, String relativePath, int scene) {
    try {
      return store.path(generationId, relativePath);
    } catch (IllegalArgumentException e) {
      throw new PermanentRenderException(
          Failures.MISSING_ARTEFACT,
          "Scene " + scene + " refers to an unusable path " + relativePath + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * When a scene's poster is taken: once its caption is fully in and the camera has moved a little,
   * and before its outgoing transition starts; on a regular keyframe when one is near, so that only
   * one frame is decoded.
   */
  static double posterSeconds(SceneParams params) {
    double appear = params.caption() == null ? 0 : params.caption().appearSeconds();
    double wanted = Math.max(params.durationSeconds() * 0.4, appear + 0.2);
    double lastSolo = (Timeline.outgoingCut(params) - 1.0) / params.fps();
    double keyframe = Math.ceil(wanted / VideoEncoding.GOP_SECONDS) * VideoEncoding.GOP_SECONDS;
    if (keyframe <= lastSolo && keyframe - wanted <= 1) {
      return keyframe;
    }
    return Math.max(0, Math.min(wanted, lastSolo));
  }
}
