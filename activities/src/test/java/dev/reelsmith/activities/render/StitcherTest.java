package dev.reelsmith.activities.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Joining scenes: what is copied, what is blended, and what the ad sounds like. */
class StitcherTest {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;

  @TempDir static Path folder;
  private static final List<Stitcher.Scene> threeScenes = new ArrayList<>();
  private final Stitcher stitcher = new Stitcher();

  @BeforeAll
  static void renderScenes() throws Exception {
    LocalSceneRenderer renderer = new LocalSceneRenderer();
    Transition.Kind[] kinds = {Transition.Kind.CROSSFADE, Transition.Kind.WIPE_LEFT};
    for (int i = 1; i <= 3; i++) {
      Path image = folder.resolve("photo" + i + ".png");
      ImageIO.write(Fixtures.photo(i, 960, 720), "png", image.toFile());
      Transition transition = i < 3 ? new Transition(kinds[i - 1], 0.5) : null;
      SceneParams params = Fixtures.scene(i, WIDTH, HEIGHT, 1.5, transition);
      Path video = folder.resolve("scene" + i + ".mp4");
      renderer.render(params, image, video, (done, total) -> {});
      threeScenes.add(new Stitcher.Scene(video, params));
    }
  }

  @Test
  void copiesEachScenesBodyAndEncodesOnlyTheTransitions() throws Exception {
    Path ad = folder.resolve("copied.mp4");

    Stitcher.Result result = stitcher.stitch(threeScenes, Tone.WARM, ad, (a, b, c, d) -> {});

    // 3 scenes of 45 frames, two 15-frame overlaps.
    assertThat(result.frames()).isEqualTo(105);
    assertThat(result.encodedFrames()).isEqualTo(30);
    assertThat(result.copiedFrames()).isEqualTo(75);
    List<VideoProbe.Packet> out = VideoProbe.videoPackets(ad);
    assertThat(out).hasSize(105);
    // Scene 1 frames 0..29, scene 2 frames 15..29, scene 3 frames 15..44 land byte for byte at
    // output frames 0..29, 45..59 and 75..104.
    assertSameBytes(out, 0, VideoProbe.videoPackets(threeScenes.get(0).video()), 0, 30);
    assertSameBytes(out, 45, VideoProbe.videoPackets(threeScenes.get(1).video()), 15, 15);
    assertSameBytes(out, 75, VideoProbe.videoPackets(threeScenes.get(2).video()), 15, 30);
    VideoProbe.Info info = VideoProbe.probe(ad);
    assertThat(info.frameCount()).isEqualTo(105);
    assertThat(info.videoDurationSeconds()).isCloseTo(3.5, within(0.01));
    assertThat(info.moovBeforeMdat()).isTrue();
    assertThat(VideoProbe.allLuma(ad)).hasSize(105);
  }

  @Test
  void anIncomingOverlapTheRendererDidNotExpectCostsOnlyTheFramesUpToTheNextKeyframe()
      throws Exception {
    // Scene 3, the last, has no transition of its own to guess its incoming overlap from, so its
    // renderer put IDR frames every 0.2 s (6, 12, ...) and at 0.5 s (15). A 0.3 s (9-frame)
    // overlap leaves frames 9..11 to be re-encoded along with the transition.
    SceneParams first = threeScenes.get(0).params();
    SceneParams shorter =
        new SceneParams(
            1,
            WIDTH,
            HEIGHT,
            30,
            first.durationSeconds(),
            first.imagePath(),
            first.camera(),
            first.caption(),
            new Transition(Transition.Kind.CROSSFADE, 0.3),
            first.backgroundColor(),
            first.prompt(),
            first.seed());
    Path ad = folder.resolve("unexpected.mp4");

    Stitcher.Result result =
        stitcher.stitch(
            List.of(new Stitcher.Scene(threeScenes.get(0).video(), shorter), threeScenes.get(2)),
            Tone.WARM,
            ad,
            (a, b, c, d) -> {});

    assertThat(result.frames()).isEqualTo(45 + 45 - 9);
    assertThat(result.encodedFrames()).isEqualTo(9 + 3);
    assertThat(VideoProbe.allLuma(ad)).hasSize(81);
  }

  private static void assertSameBytes(
      List<VideoProbe.Packet> out,
      int outFrom,
      List<VideoProbe.Packet> scene,
      int sceneFrom,
      int count) {
    for (int i = 0; i < count; i++) {
      assertThat(out.get(outFrom + i).sha256())
          .as("output frame %d is scene frame %d", outFrom + i, sceneFrom + i)
          .isEqualTo(scene.get(sceneFrom + i).sha256());
      assertThat(out.get(outFrom + i).keyframe()).isEqualTo(scene.get(sceneFrom + i).keyframe());
    }
  }

  @Test
  void theAdHasAnAacMusicBedAsLongAsThePicture() throws Exception {
    Path ad = folder.resolve("music.mp4");

    stitcher.stitch(threeScenes, Tone.ENERGETIC, ad, (a, b, c, d) -> {});

    VideoProbe.Info info = VideoProbe.probe(ad);
    assertThat(info.hasAudio()).isTrue();
    assertThat(info.audioCodec()).isEqualTo("aac");
    assertThat(info.audioDurationSeconds()).isCloseTo(info.videoDurationSeconds(), within(0.1));
  }

  @ParameterizedTest
  @EnumSource(Transition.Kind.class)
  void everyTransitionBlendsTheOutgoingSceneIntoTheIncomingOne(Transition.Kind kind)
      throws Exception {
    // Two 1 s scenes overlapping for 11 frames: the middle overlap frame (k = 5) has progress 1/2.
    Path dark = folder.resolve("dark-" + kind + ".png");
    Path light = folder.resolve("light-" + kind + ".png");
    ImageIO.write(Fixtures.photo(11, 960, 720), "png", dark.toFile());
    ImageIO.write(Fixtures.photo(12, 960, 720), "png", light.toFile());
    SceneParams first = still(1, new Transition(kind, 11 / 30.0));
    SceneParams second = still(2, null);
    Path a = folder.resolve("a-" + kind + ".mp4");
    Path b = folder.resolve("b-" + kind + ".mp4");
    LocalSceneRenderer renderer = new LocalSceneRenderer();
    renderer.render(first, dark, a, (x, y) -> {});
    renderer.render(second, light, b, (x, y) -> {});
    Path ad = folder.resolve("transition-" + kind + ".mp4");

    stitcher.stitch(
        List.of(new Stitcher.Scene(a, first), new Stitcher.Scene(b, second)),
        Tone.CALM,
        ad,
        (w, x, y, z) -> {});

    // Output frame 19 + 5 = 24 blends scene 1 frame 24 with scene 2 frame 5.
    VideoProbe.Luma mid = VideoProbe.lumaAt(ad, 24 / 30.0);
    VideoProbe.Luma from = VideoProbe.lumaAt(a, 24 / 30.0);
    VideoProbe.Luma to = VideoProbe.lumaAt(b, 5 / 30.0);
    int half = WIDTH / 2;
    // Compression leaves a few levels of noise in every frame, so each check compares the
    // expected picture with the alternatives rather than with zero.
    switch (kind) {
      case CROSSFADE -> {
        double blend = mid.meanAbsoluteDifference(average(from, to));
        assertThat(blend).isLessThan(mid.meanAbsoluteDifference(from) / 3);
        assertThat(blend).isLessThan(mid.meanAbsoluteDifference(to) / 3);
      }
      case FADE_BLACK -> {
        assertThat(mid.mean()).isLessThan(24);
        assertThat(from.mean()).isGreaterThan(60);
      }
      case WIPE_LEFT -> {
        assertThat(mid.meanAbsoluteDifference(from, 0, 0, half - 40, HEIGHT))
            .isLessThan(mid.meanAbsoluteDifference(to, 0, 0, half - 40, HEIGHT) / 3);
        assertThat(mid.meanAbsoluteDifference(to, half + 40, 0, half - 40, HEIGHT))
            .isLessThan(mid.meanAbsoluteDifference(from, half + 40, 0, half - 40, HEIGHT) / 3);
      }
      case SLIDE_LEFT -> {
        // Half-way, the outgoing picture's right half fills the left of the frame, and the
        // incoming picture's left half the right.
        assertThat(shiftedDifference(mid, from, 0, half - 4, half))
            .isLessThan(shiftedDifference(mid, from, 0, half - 4, 0) / 3);
        assertThat(shiftedDifference(mid, to, half + 4, WIDTH, -half))
            .isLessThan(shiftedDifference(mid, to, half + 4, WIDTH, 0) / 3);
      }
    }
  }

  /** A 1 s scene without camera move or caption, so that its frames are all the same picture. */
  private static SceneParams still(int index, Transition transition) {
    SceneParams base = Fixtures.scene(index, WIDTH, HEIGHT, 1.0, transition);
    return new SceneParams(
        index,
        WIDTH,
        HEIGHT,
        30,
        1.0,
        base.imagePath(),
        new dev.reelsmith.workflows.messages.CameraMove(
            dev.reelsmith.workflows.messages.CameraMove.Framing.COVER,
            new dev.reelsmith.workflows.messages.CameraMove.Keyframe(1, 0.5, 0.5),
            new dev.reelsmith.workflows.messages.CameraMove.Keyframe(1, 0.5, 0.5),
            dev.reelsmith.workflows.messages.CameraMove.Easing.LINEAR),
        null,
        transition,
        "#000000",
        base.prompt(),
        base.seed());
  }

  private static VideoProbe.Luma average(VideoProbe.Luma a, VideoProbe.Luma b) {
    byte[] pixels = new byte[a.pixels().length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (((a.pixels()[i] & 255) + (b.pixels()[i] & 255) + 1) / 2);
    }
    return new VideoProbe.Luma(a.width(), a.height(), pixels);
  }

  /** Mean |mid(x, y) - source(x + shift, y)| over columns [from, to) of mid. */
  private static double shiftedDifference(
      VideoProbe.Luma mid, VideoProbe.Luma source, int from, int to, int shift) {
    long sum = 0;
    for (int y = 0; y < mid.height(); y++) {
      for (int x = from; x < to; x++) {
        sum += Math.abs(mid.at(x, y) - source.at(x + shift, y));
      }
    }
    return (double) sum / ((long) (to - from) * mid.height());
  }

  @Test
  void aSceneFromAnotherEncoderIsReEncodedToTheAdsSizeAndRate() throws Exception {
    // A 320x180, 25 fps video stands in for a scene from a remote provider.
    SceneParams foreign = Fixtures.scene(2, 320, 180, 1.0, null);
    SceneParams small =
        new SceneParams(
            2,
            320,
            180,
            25,
            1.0,
            foreign.imagePath(),
            foreign.camera(),
            foreign.caption(),
            null,
            "#000000",
            foreign.prompt(),
            foreign.seed());
    Path video = folder.resolve("foreign.mp4");
    new LocalSceneRenderer()
        .render(small, folder.resolve("photo2.png"), video, (done, total) -> {});
    SceneParams asPlanned = Fixtures.scene(2, WIDTH, HEIGHT, 1.0, null);
    Stitcher.Scene first = threeScenes.get(0);
    Path ad = folder.resolve("fallback.mp4");

    Stitcher.Result result =
        stitcher.stitch(
            List.of(first, new Stitcher.Scene(video, asPlanned)),
            Tone.BOLD,
            ad,
            (a, b, c, d) -> {});

    assertThat(result.frames()).isEqualTo(45 + 30 - 15);
    assertThat(result.encodedFrames()).isEqualTo(15 + 15);
    VideoProbe.Info info = VideoProbe.probe(ad);
    assertThat(info.width()).isEqualTo(WIDTH);
    assertThat(info.height()).isEqualTo(HEIGHT);
    assertThat(info.frameCount()).isEqualTo(60);
    assertThat(VideoProbe.allLuma(ad)).hasSize(60);
  }

  @Test
  void aDamagedSceneVideoIsAPermanentFailureNamingTheScene() throws Exception {
    Path damaged = folder.resolve("damaged.mp4");
    Files.write(damaged, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3, 4, 5, 6, 7});
    SceneParams params = Fixtures.scene(2, WIDTH, HEIGHT, 1.0, null);
    List<Stitcher.Scene> scenes = List.of(threeScenes.get(0), new Stitcher.Scene(damaged, params));

    assertThatThrownBy(
            () ->
                stitcher.stitch(scenes, Tone.WARM, folder.resolve("never.mp4"), (a, b, c, d) -> {}))
        .isInstanceOfSatisfying(
            PermanentRenderException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Failures.MISSING_ARTEFACT);
              assertThat(e.getMessage()).contains("Scene 2").contains("damaged.mp4");
            });
  }

  @Test
  void scenesOfDifferentSizesCannotBeJoined() {
    List<Stitcher.Scene> scenes =
        List.of(
            threeScenes.get(0),
            new Stitcher.Scene(
                threeScenes.get(1).video(), Fixtures.scene(2, 1280, 720, 1.0, null)));

    assertThatThrownBy(
            () ->
                stitcher.stitch(scenes, Tone.WARM, folder.resolve("never.mp4"), (a, b, c, d) -> {}))
        .isInstanceOfSatisfying(
            PermanentRenderException.class,
            e -> assertThat(e.reason()).isEqualTo(Failures.STITCH_FAILED));
  }
}
