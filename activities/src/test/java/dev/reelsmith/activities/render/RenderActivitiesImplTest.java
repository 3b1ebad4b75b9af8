package dev.reelsmith.activities.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The render activities run as Temporal runs them, over real files and real FFmpeg. */
class RenderActivitiesImplTest {

  @TempDir Path root;

  private TestActivityEnvironment environment;
  private RenderActivities activities;
  private LocalMediaStore store;
  private final String generationId = Generations.newId();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    store = new LocalMediaStore(root);
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new RenderActivitiesImpl(store, new LocalSceneRenderer()));
    activities =
        environment.newActivityStub(
            RenderActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  private Path folder() {
    return root.resolve(generationId);
  }

  /** A brief without a size, for tests that use small, cheap frames. */
  private static Brief anySize() {
    return brief(null, null);
  }

  private static Brief brief(AspectRatio aspect, Resolution resolution) {
    return new Brief(
        "Aurora Cold Brew",
        "Slow-steeped cold brew coffee.",
        null,
        Tone.WARM,
        null,
        15,
        aspect,
        resolution,
        List.of(),
        3);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "LANDSCAPE, HD",
    "PORTRAIT, HD",
    "SQUARE, HD",
    "LANDSCAPE, FULL_HD",
    "PORTRAIT, FULL_HD",
    "SQUARE, FULL_HD"
  })
  void rendersScenesAndTheAdAtTheExactSizeOfEveryAspectRatioAndResolution(
      AspectRatio aspect, Resolution resolution) throws Exception {
    int width = aspect.width(resolution);
    int height = aspect.height(resolution);
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 1200, 900));
    Fixtures.writeReference(folder(), 2, Fixtures.photo(2, 900, 1200));
    SceneParams first =
        Fixtures.scene(1, width, height, 1.0, new Transition(Transition.Kind.CROSSFADE, 0.3));
    SceneParams second = Fixtures.scene(2, width, height, 0.6, null);

    SceneVideo scene = activities.renderScene(generationId, first);
    SceneVideo last = activities.renderScene(generationId, second);
    FinalAd ad =
        activities.stitchAd(
            generationId, brief(aspect, resolution), List.of(first, second), List.of(scene, last));

    assertThat(scene.path()).isEqualTo(MediaLayout.sceneVideo(1));
    assertThat(scene.poster()).isEqualTo(MediaLayout.scenePoster(1));
    VideoProbe.Info sceneInfo = VideoProbe.probe(folder().resolve(scene.path()));
    assertThat(sceneInfo.codec()).isEqualTo("h264");
    assertThat(sceneInfo.pixelFormat()).isEqualTo("yuv420p");
    assertThat(sceneInfo.width()).isEqualTo(width);
    assertThat(sceneInfo.height()).isEqualTo(height);
    assertThat(sceneInfo.frameCount()).isEqualTo(30);
    assertThat(sceneInfo.videoDurationSeconds()).isCloseTo(1.0, within(0.1));
    assertThat(sceneInfo.averageFps()).isEqualTo(30.0);
    assertThat(sceneInfo.realFps()).isEqualTo(30.0);
    assertThat(sceneInfo.moovBeforeMdat()).isTrue();
    assertJpeg(folder().resolve(scene.poster()), width, height);

    assertThat(ad.path()).isEqualTo(MediaLayout.FINAL_VIDEO);
    assertThat(ad.poster()).isEqualTo(MediaLayout.FINAL_POSTER);
    assertThat(ad.width()).isEqualTo(width);
    assertThat(ad.height()).isEqualTo(height);
    assertThat(ad.durationSeconds()).isCloseTo(1.3, within(0.001));
    VideoProbe.Info adInfo = VideoProbe.probe(folder().resolve(ad.path()));
    assertThat(adInfo.codec()).isEqualTo("h264");
    assertThat(adInfo.pixelFormat()).isEqualTo("yuv420p");
    assertThat(adInfo.width()).isEqualTo(width);
    assertThat(adInfo.height()).isEqualTo(height);
    assertThat(adInfo.frameCount()).isEqualTo(39);
    assertThat(adInfo.durationSeconds()).isCloseTo(1.3, within(0.5));
    assertThat(adInfo.videoDurationSeconds()).isCloseTo(1.3, within(0.05));
    assertThat(adInfo.moovBeforeMdat()).isTrue();
    assertThat(adInfo.hasAudio()).isTrue();
    assertThat(adInfo.audioCodec()).isEqualTo("aac");
    assertJpeg(folder().resolve(ad.poster()), width, height);
  }

  private static void assertJpeg(Path file, int width, int height) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
    BufferedImage poster = ImageIO.read(file.toFile());
    assertThat(poster.getWidth()).isEqualTo(width);
    assertThat(poster.getHeight()).isEqualTo(height);
  }

  @Test
  void renderSceneReturnsAtOnceWhenTheSceneIsAlreadyPublished() throws Exception {
    environment.setActivityHeartbeatListener(RenderProgress.class, heartbeats::add);
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    SceneParams params = Fixtures.scene(1, 640, 360, 1.0, null);

    SceneVideo first = activities.renderScene(generationId, params);
    Path video = folder().resolve(first.path());
    Path poster = folder().resolve(first.poster());
    FileTime videoTime = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(video, videoTime);
    Files.setLastModifiedTime(poster, videoTime);
    int beatsAfterFirst = heartbeats.size();

    SceneVideo second = activities.renderScene(generationId, params);

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(video)).isEqualTo(videoTime);
    assertThat(Files.getLastModifiedTime(poster)).isEqualTo(videoTime);
    assertThat(heartbeats).hasSize(beatsAfterFirst);
    assertThat(beatsAfterFirst).isPositive();
    assertThat(heartbeats)
        .allSatisfy(
            beat ->
                assertThat(beat)
                    .isInstanceOfSatisfying(
                        RenderProgress.class,
                        progress -> {
                          assertThat(progress.scene()).isEqualTo(1);
                          assertThat(progress.framesTotal()).isEqualTo(30);
                          assertThat(progress.framesDone()).isBetween(1, 30);
                        }));
  }

  @Test
  void renderSceneRemakesOnlyAMissingPoster() throws Exception {
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    SceneParams params = Fixtures.scene(1, 640, 360, 1.0, null);
    SceneVideo scene = activities.renderScene(generationId, params);
    Path video = folder().resolve(scene.path());
    FileTime videoTime = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(video, videoTime);
    Files.delete(folder().resolve(scene.poster()));
    // The video is there, so the reference image is not needed any more.
    Files.delete(folder().resolve(MediaLayout.reference(1)));

    activities.renderScene(generationId, params);

    assertThat(Files.getLastModifiedTime(video)).isEqualTo(videoTime);
    assertThat(folder().resolve(scene.poster())).isRegularFile();
  }

  @Test
  void missingReferenceImageIsANonRetryableMissingArtefactNamingTheFile() {
    SceneParams params = Fixtures.scene(3, 640, 360, 1.0, null);

    assertThatThrownBy(() -> activities.renderScene(generationId, params))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.MISSING_ARTEFACT.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("Scene 3")
                  .contains(MediaLayout.reference(3));
            });
    assertThat(folder().resolve(MediaLayout.sceneVideo(3))).doesNotExist();
  }

  @Test
  void damagedReferenceImageIsANonRetryableMissingArtefact() throws Exception {
    Path reference = folder().resolve(MediaLayout.reference(1));
    Files.createDirectories(reference.getParent());
    Files.writeString(reference, "this is not a PNG");

    assertThatThrownBy(
            () -> activities.renderScene(generationId, Fixtures.scene(1, 640, 360, 1.0, null)))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.MISSING_ARTEFACT.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("cannot be read");
            });
  }

  @Test
  void invalidParametersAreANonRetryableRenderFailureListingTheProblems() {
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    SceneParams base = Fixtures.scene(1, 640, 360, 1.0, null);
    SceneParams invalid =
        new SceneParams(
            1,
            641,
            360,
            30,
            1.0,
            base.imagePath(),
            base.camera(),
            base.caption(),
            new Transition(Transition.Kind.CROSSFADE, 2.0),
            "blue",
            base.prompt(),
            base.seed());

    assertThatThrownBy(() -> activities.renderScene(generationId, invalid))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.RENDER_FAILED.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("width 641")
                  .contains("background_color blue")
                  .contains("transition");
            });
  }

  @Test
  void aRetriedRenderStartsOverAfterReadingThePreviousAttemptsProgress() throws Exception {
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    environment.setHeartbeatDetails(new RenderProgress(1, 12, 30));

    SceneVideo scene = activities.renderScene(generationId, Fixtures.scene(1, 640, 360, 1.0, null));

    assertThat(VideoProbe.probe(folder().resolve(scene.path())).frameCount()).isEqualTo(30);
  }

  /**
   * A render stopped half-way, as a cancelled activity or a stopping worker stops it (its next
   * heartbeat throws), leaves nothing at the published path and no half-written file beside it: a
   * retry, here or on another worker, cannot mistake a fragment for a finished scene.
   */
  @Test
  void aRenderStoppedHalfWayLeavesNoFileAtThePublishedPath() throws Exception {
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    TestActivityEnvironment stopping = TestActivityEnvironment.newInstance();
    List<Integer> framesDrawn = new CopyOnWriteArrayList<>();
    SceneRenderer renderer =
        (scene, reference, output, progress) ->
            new LocalSceneRenderer()
                .render(
                    scene,
                    reference,
                    output,
                    (done, total) -> {
                      framesDrawn.add(done);
                      if (done == total / 3) {
                        stopping.requestCancelActivity();
                      }
                      progress.update(done, total);
                      // Slow enough for the heartbeats after the stop to come back with it.
                      sleep(Duration.ofMillis(25));
                    });
    stopping.registerActivitiesImplementations(new RenderActivitiesImpl(store, renderer));
    RenderActivities stub =
        stopping.newActivityStub(
            RenderActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                // The SDK sends heartbeats at most every 0.8 of this; the stop comes back with one.
                .setHeartbeatTimeout(Duration.ofSeconds(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    try {
      SceneParams scene = Fixtures.scene(1, 640, 360, 4.0, null);

      assertThatThrownBy(() -> stub.renderScene(generationId, scene))
          .isInstanceOf(CanceledFailure.class);

      assertThat(framesDrawn).isNotEmpty().doesNotContain(scene.frameCount());
      assertThat(folder().resolve(MediaLayout.sceneVideo(1))).doesNotExist();
      try (Stream<Path> left = Files.list(folder().resolve("scene_videos"))) {
        assertThat(left).as("nothing half-written is left").isEmpty();
      }
    } finally {
      stopping.close();
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void stitchAdReturnsAtOnceWhenTheAdIsAlreadyPublished() throws Exception {
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    Fixtures.writeReference(folder(), 2, Fixtures.photo(2, 800, 600));
    SceneParams first =
        Fixtures.scene(1, 640, 360, 1.0, new Transition(Transition.Kind.FADE_BLACK, 0.4));
    SceneParams second = Fixtures.scene(2, 640, 360, 1.0, null);
    List<SceneVideo> scenes =
        List.of(
            activities.renderScene(generationId, first),
            activities.renderScene(generationId, second));
    List<SceneParams> params = List.of(first, second);

    environment.setActivityHeartbeatListener(StitchProgress.class, heartbeats::add);
    FinalAd ad = activities.stitchAd(generationId, anySize(), params, scenes);
    Path video = folder().resolve(ad.path());
    FileTime time = FileTime.fromMillis(2_000_000L);
    Files.setLastModifiedTime(video, time);
    FinalAd again = activities.stitchAd(generationId, anySize(), params, scenes);

    assertThat(again).isEqualTo(ad);
    assertThat(ad.durationSeconds()).isCloseTo(1.6, within(0.001));
    assertThat(Files.getLastModifiedTime(video)).isEqualTo(time);
    assertThat(heartbeats)
        .isNotEmpty()
        .allSatisfy(
            beat ->
                assertThat(beat)
                    .isInstanceOfSatisfying(
                        StitchProgress.class,
                        progress -> {
                          assertThat(progress.sceneCount()).isEqualTo(2);
                          assertThat(progress.framesTotal()).isEqualTo(48);
                        }));
  }

  @Test
  void stitchAdNamesASceneWhoseVideoIsMissing() {
    SceneParams first =
        Fixtures.scene(1, 640, 360, 1.0, new Transition(Transition.Kind.CROSSFADE, 0.4));
    SceneParams second = Fixtures.scene(2, 640, 360, 1.0, null);
    List<SceneVideo> scenes =
        List.of(
            new SceneVideo(1, MediaLayout.sceneVideo(1), MediaLayout.scenePoster(1), 1.0),
            new SceneVideo(2, MediaLayout.sceneVideo(2), MediaLayout.scenePoster(2), 1.0));

    assertThatThrownBy(
            () -> activities.stitchAd(generationId, anySize(), List.of(first, second), scenes))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(Failures.MISSING_ARTEFACT.name());
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("Scene 1");
            });
    assertThat(folder().resolve(MediaLayout.FINAL_VIDEO)).doesNotExist();
  }
}
