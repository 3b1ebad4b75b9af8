package dev.reelsmith.activities.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenes and the ad are recorded in the manifest and never made again while their files exist. */
class RenderActivitiesManifestTest {

  @TempDir Path root;

  private final String generationId = Generations.newId();
  private final AtomicInteger renders = new AtomicInteger();
  private LocalMediaStore store;
  private Manifest manifest;
  private TestActivityEnvironment environment;
  private RenderActivities activities;

  @BeforeEach
  void setUp() {
    store = new LocalMediaStore(root);
    manifest = new Manifest(store);
    SceneRenderer local = new LocalSceneRenderer();
    SceneRenderer counting =
        (scene, reference, output, progress) -> {
          renders.incrementAndGet();
          local.render(scene, reference, output, progress);
        };
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(new RenderActivitiesImpl(store, counting));
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

  private static Brief anySize() {
    return new Brief(
        "Aurora Cold Brew", "Cold brew.", null, Tone.WARM, null, 15, null, null, List.of(), 3);
  }

  private void touch(String relativePath) throws IOException {
    Path file = folder().resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {0, 0, 0, 24});
  }

  @Test
  void recordsTheScenesAndTheAdItMakes() {
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    Fixtures.writeReference(folder(), 2, Fixtures.photo(2, 800, 600));
    SceneParams first =
        Fixtures.scene(1, 640, 360, 1.0, new Transition(Transition.Kind.CROSSFADE, 0.3));
    SceneParams second = Fixtures.scene(2, 640, 360, 1.0, null);

    List<SceneVideo> scenes =
        List.of(
            activities.renderScene(generationId, first),
            activities.renderScene(generationId, second));
    FinalAd ad = activities.stitchAd(generationId, anySize(), List.of(first, second), scenes);

    assertThat(manifest.read(generationId, Manifest.scene(1))).contains(scenes.get(0));
    assertThat(manifest.read(generationId, Manifest.scene(2))).contains(scenes.get(1));
    assertThat(manifest.read(generationId, Manifest.FINAL)).contains(ad);
  }

  @Test
  void returnsARecordedSceneWithoutRenderingIt() throws Exception {
    SceneVideo recorded =
        new SceneVideo(1, MediaLayout.sceneVideo(1), MediaLayout.scenePoster(1), 4.5);
    touch(recorded.path());
    touch(recorded.poster());
    manifest.write(generationId, Manifest.scene(1), recorded);

    SceneVideo scene = activities.renderScene(generationId, Fixtures.scene(1, 640, 360, 1.0, null));

    assertThat(scene).isEqualTo(recorded);
    assertThat(renders).hasValue(0);
  }

  @Test
  void rendersARecordedSceneAgainWhenItsVideoIsGone() {
    Fixtures.writeReference(folder(), 1, Fixtures.photo(1, 800, 600));
    SceneParams params = Fixtures.scene(1, 640, 360, 1.0, null);
    manifest.write(
        generationId,
        Manifest.scene(1),
        new SceneVideo(1, MediaLayout.sceneVideo(1), MediaLayout.scenePoster(1), 4.5));

    SceneVideo scene = activities.renderScene(generationId, params);

    assertThat(renders).hasValue(1);
    assertThat(scene.durationSeconds()).isEqualTo(1.0);
    assertThat(folder().resolve(scene.path())).isRegularFile();
    assertThat(manifest.read(generationId, Manifest.scene(1))).contains(scene);
  }

  @Test
  void returnsARecordedAdWithoutStitching() throws Exception {
    FinalAd recorded =
        new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 15.0, 1280, 720);
    touch(recorded.path());
    touch(recorded.poster());
    manifest.write(generationId, Manifest.FINAL, recorded);

    // Without its record, an ad of no scenes could not be stitched.
    FinalAd ad = activities.stitchAd(generationId, anySize(), List.of(), List.of());

    assertThat(ad).isEqualTo(recorded);
  }
}
