package dev.reelsmith.workflows.testing;

import dev.reelsmith.workflows.CopyActivities;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.ImageActivities;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.Region;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Hand-written activities for workflow tests and the orchestration benchmark: instant, with
 * scripted failures, counting every render call per scene and able to hold renders until a test
 * lets them go.
 */
public final class ScriptedPipeline implements ImageActivities, CopyActivities, RenderActivities {

  public static final int STORY_SCORE = 88;
  public static final int COHESION = 85;

  /** Render calls per scene, failed ones included. */
  public final Map<Integer, AtomicInteger> renderCalls = new ConcurrentHashMap<>();

  /** Scene index → how many more calls fail with a transient error. */
  public final Map<Integer, Integer> transientFailures = new ConcurrentHashMap<>();

  /** Scenes whose render fails for good until cleared. */
  public final Map<Integer, String> permanentFailures = new ConcurrentHashMap<>();

  /** Scenes whose render waits for {@link #release}. */
  public final Map<Integer, Boolean> held = new ConcurrentHashMap<>();

  public final CountDownLatch release = new CountDownLatch(1);

  /** Generations whose renders wait until their latch is counted down. */
  public final Map<String, CountDownLatch> heldGenerations = new ConcurrentHashMap<>();

  public final AtomicInteger stitches = new AtomicInteger();

  /** How long the params step takes, like a step that speaks the narration. */
  public volatile Duration paramsTime = Duration.ZERO;

  /** How long each render takes; instant unless a test needs renders to overlap. */
  public volatile Duration renderTime = Duration.ZERO;

  /** The most renders that ever ran at once, across all generations. */
  public final AtomicInteger mostRendersAtOnce = new AtomicInteger();

  private final AtomicInteger rendersNow = new AtomicInteger();

  public static GenerationInput input(String generationId, int sceneCount) {
    return input(
        generationId, sceneCount, "alice", GenerationSettings.DEFAULT_MAX_RUNNING_PER_USER);
  }

  /** A generation of {@code owner}, who may run {@code maxRunning} generations at once. */
  public static GenerationInput input(
      String generationId, int sceneCount, String owner, int maxRunning) {
    Brief brief =
        new Brief(
            "Aurora Cold Brew",
            "Slow-steeped cold brew coffee in a recyclable glass bottle.",
            "busy professionals",
            Tone.WARM,
            "Order today at aurora.example",
            30,
            AspectRatio.LANDSCAPE,
            Resolution.HD,
            List.of("#1A73E8"),
            sceneCount);
    List<ImageRef> images =
        List.of(
            new ImageRef(1, MediaLayout.upload(1, "jpg"), "bottle.jpg"),
            new ImageRef(2, MediaLayout.upload(2, "png"), "pour.png"));
    GenerationSettings defaults = GenerationSettings.DEFAULTS;
    return new GenerationInput(
        generationId,
        brief,
        images,
        new GenerationSettings(
            defaults.maxParallelScenes(), defaults.retryWindowSeconds(), maxRunning),
        owner);
  }

  @Override
  public List<ImageAnalysis> analyzeImages(String generationId, List<ImageRef> images) {
    return images.stream()
        .map(
            image ->
                new ImageAnalysis(
                    image.index(),
                    MediaLayout.reference(image.index()),
                    1600,
                    1200,
                    ImageAnalysis.Orientation.LANDSCAPE,
                    List.of("#335577"),
                    0.5,
                    0.3,
                    new Region(0.3, 0.3, 0.4, 0.4),
                    false))
        .toList();
  }

  @Override
  public Story writeStory(String generationId, Brief brief, List<ImageAnalysis> images) {
    return new Story(
        brief.productName(),
        List.of(new StoryBeat(StoryBeat.Role.HOOK, "Mornings, upgraded.")),
        new Score(STORY_SCORE, List.of(new RubricItem("hook", 22, 25, "strong opening"))));
  }

  @Override
  public ScenePlan planScenes(
      String generationId, Brief brief, Story story, List<ImageAnalysis> images) {
    List<Scene> scenes =
        IntStream.rangeClosed(1, brief.sceneCount())
            .mapToObj(
                i ->
                    new Scene(
                        i,
                        StoryBeat.Role.BENEFIT,
                        "narration " + i,
                        "caption " + i,
                        "shot " + i,
                        8,
                        1))
            .toList();
    return new ScenePlan(
        scenes, new Score(COHESION, List.of(new RubricItem("continuity", 17, 20, "steady"))));
  }

  @Override
  public List<SceneParams> prepareVideoParams(
      String generationId, Brief brief, ScenePlan plan, List<ImageAnalysis> images) {
    sleep(paramsTime);
    CameraMove camera =
        new CameraMove(
            CameraMove.Framing.COVER,
            new CameraMove.Keyframe(1, 0.5, 0.5),
            new CameraMove.Keyframe(1.2, 0.5, 0.5),
            CameraMove.Easing.EASE_IN_OUT);
    Caption caption =
        new Caption(
            "caption", Caption.Placement.LOWER_THIRD, "#FFFFFF", "#000000", "#1A73E8", 0.06, 0.4);
    return plan.scenes().stream()
        .map(
            scene ->
                new SceneParams(
                    scene.index(),
                    1280,
                    720,
                    30,
                    8,
                    MediaLayout.reference(1),
                    camera,
                    caption,
                    new Transition(Transition.Kind.CROSSFADE, 0.5),
                    "#000000",
                    "prompt",
                    42))
        .toList();
  }

  @Override
  public SceneVideo renderScene(String generationId, SceneParams params) {
    mostRendersAtOnce.accumulateAndGet(rendersNow.incrementAndGet(), Math::max);
    try {
      return render(generationId, params);
    } finally {
      rendersNow.decrementAndGet();
    }
  }

  private SceneVideo render(String generationId, SceneParams params) {
    int index = params.index();
    if (!renderTime.isZero()) {
      sleep(renderTime);
    }
    renderCalls.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
    if (held.containsKey(index)) {
      hold(release);
    }
    CountDownLatch generation = heldGenerations.get(generationId);
    if (generation != null) {
      hold(generation);
    }
    if (transientFailures.getOrDefault(index, 0) > 0) {
      transientFailures.merge(index, -1, Integer::sum);
      throw new IllegalStateException("encoder hiccup on scene " + index);
    }
    String reason = permanentFailures.get(index);
    if (reason != null) {
      throw ApplicationFailure.newNonRetryableFailure(reason, Failures.RENDER_FAILED.name());
    }
    return new SceneVideo(
        index,
        MediaLayout.sceneVideo(index),
        MediaLayout.scenePoster(index),
        params.durationSeconds());
  }

  @Override
  public FinalAd stitchAd(
      String generationId, Brief brief, List<SceneParams> params, List<SceneVideo> scenes) {
    stitches.incrementAndGet();
    if (scenes.size() != params.size()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "stitch got " + scenes.size() + " of " + params.size() + " scenes",
          Failures.STITCH_FAILED.name());
    }
    return new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 30, 1280, 720);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering", e);
    }
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while held", e);
    }
  }

  public int renders(int scene) {
    AtomicInteger calls = renderCalls.get(scene);
    return calls == null ? 0 : calls.get();
  }
}
