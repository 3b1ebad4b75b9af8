package dev.reelsmith.activities.copy;

import static dev.reelsmith.activities.copy.Fixtures.brief;
import static dev.reelsmith.activities.copy.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.activities.images.Colors;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.CameraMove.Framing;
import dev.reelsmith.workflows.messages.CameraMove.Keyframe;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VideoParamsPlannerTest {

  private final LocalCopywriter writer = new LocalCopywriter();
  private final VideoParamsPlanner planner = new VideoParamsPlanner();

  private List<SceneParams> plan(Brief brief, List<ImageAnalysis> images) {
    List<Scene> scenes = writer.planScenes(brief, writer.writeStory(brief, images), images);
    return planner.plan(brief, scenes, images);
  }

  static Stream<Arguments> everyLengthAndFrame() {
    List<Arguments> cases = new ArrayList<>();
    for (int seconds : new int[] {15, 30, 60}) {
      for (AspectRatio aspect : AspectRatio.values()) {
        for (Resolution resolution : Resolution.values()) {
          for (Tone tone : Tone.values()) {
            cases.add(Arguments.of(seconds, aspect, resolution, tone));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} s, {1}, {2}, {3}")
  @MethodSource("everyLengthAndFrame")
  void lastsExactlyTheAdsLengthOnceTransitionsOverlap(
      int seconds, AspectRatio aspect, Resolution resolution, Tone tone) {
    int scenes = seconds == 15 ? 3 : seconds == 30 ? 5 : 8;
    Brief brief = Fixtures.framed(brief(tone, seconds, scenes), aspect, resolution);

    List<SceneParams> params = plan(brief, images());

    double sceneSeconds = params.stream().mapToDouble(SceneParams::durationSeconds).sum();
    double overlap =
        params.stream()
            .filter(p -> p.transition() != null)
            .mapToDouble(p -> p.transition().durationSeconds())
            .sum();
    assertThat(sceneSeconds - overlap).isCloseTo(seconds, within(1e-9));
    // Exact in frames, which is what a renderer counts.
    int frames = params.stream().mapToInt(SceneParams::frameCount).sum();
    int overlapFrames =
        params.stream()
            .filter(p -> p.transition() != null)
            .mapToInt(p -> (int) Math.round(p.transition().durationSeconds() * p.fps()))
            .sum();
    assertThat(frames - overlapFrames).isEqualTo(seconds * VideoParamsPlanner.FPS);
    assertThat(params).hasSize(scenes);
    assertThat(params)
        .allSatisfy(
            p -> {
              assertThat(p.width()).isEqualTo(aspect.width(resolution));
              assertThat(p.height()).isEqualTo(aspect.height(resolution));
              assertThat(p.fps()).isEqualTo(30);
              assertThat(p.durationSeconds() * p.fps()).isCloseTo(p.frameCount(), within(1e-6));
            });
    assertThat(params.get(params.size() - 1).transition()).isNull();
    assertThat(params.subList(0, params.size() - 1))
        .allSatisfy(p -> assertThat(p.transition()).isNotNull());
  }

  @Test
  void producesTheExactFrameSizesOfProductSpecSix() {
    assertThat(sizeOf(AspectRatio.LANDSCAPE, Resolution.HD)).containsExactly(1280, 720);
    assertThat(sizeOf(AspectRatio.PORTRAIT, Resolution.HD)).containsExactly(720, 1280);
    assertThat(sizeOf(AspectRatio.SQUARE, Resolution.HD)).containsExactly(720, 720);
    assertThat(sizeOf(AspectRatio.LANDSCAPE, Resolution.FULL_HD)).containsExactly(1920, 1080);
    assertThat(sizeOf(AspectRatio.PORTRAIT, Resolution.FULL_HD)).containsExactly(1080, 1920);
    assertThat(sizeOf(AspectRatio.SQUARE, Resolution.FULL_HD)).containsExactly(1080, 1080);
  }

  private int[] sizeOf(AspectRatio aspect, Resolution resolution) {
    SceneParams first = plan(Fixtures.framed(brief(), aspect, resolution), images()).get(0);
    return new int[] {first.width(), first.height()};
  }

  @Test
  void keepsEveryCameraKeyframeInsideTheCanvasAndTheZoomRange() {
    for (AspectRatio aspect : AspectRatio.values()) {
      for (int scenes = 3; scenes <= 8; scenes++) {
        Brief brief = Fixtures.framed(brief(Tone.BOLD, 60, scenes), aspect, Resolution.HD);

        for (SceneParams p : plan(brief, Fixtures.awkwardImages())) {
          assertWithinBounds(p.camera().from());
          assertWithinBounds(p.camera().to());
        }
      }
    }
  }

  private static void assertWithinBounds(Keyframe k) {
    assertThat(k.zoom()).isBetween(VideoParamsPlanner.MIN_ZOOM, VideoParamsPlanner.MAX_ZOOM);
    double half = 0.5 / k.zoom();
    assertThat(k.centerX()).isBetween(half - 1e-9, 1 - half + 1e-9);
    assertThat(k.centerY()).isBetween(half - 1e-9, 1 - half + 1e-9);
  }

  @Test
  void containsCutOutsAndVeryWideImagesAndCoversPhotosThatFit() {
    List<ImageAnalysis> images = Fixtures.awkwardImages();
    Brief brief = brief(Tone.WARM, 60, 8);

    List<Scene> scenes = writer.planScenes(brief, writer.writeStory(brief, images), images);
    List<SceneParams> params = planner.plan(brief, scenes, images);

    for (int i = 0; i < scenes.size(); i++) {
      int image = scenes.get(i).imageIndex();
      Framing framing = params.get(i).camera().framing();
      switch (image) {
        case 1, 2, 4 -> assertThat(framing).as("image %d", image).isEqualTo(Framing.CONTAIN);
        case 5 -> assertThat(framing).as("image %d", image).isEqualTo(Framing.COVER);
        default -> {}
      }
      assertThat(params.get(i).imagePath()).isEqualTo("references/ref_0" + image + ".png");
    }
  }

  @Test
  void pushesInTowardTheSubjectOnTheHookAndPullsBackOnTheReveal() {
    List<SceneParams> params = plan(brief(Tone.WARM, 30, 4), images());

    CameraMove hook = params.get(0).camera();
    CameraMove reveal = params.get(1).camera();
    assertThat(hook.to().zoom()).isGreaterThan(hook.from().zoom());
    assertThat(reveal.to().zoom()).isLessThan(reveal.from().zoom());
    // The studio photo's bottle stands right of centre; the push-in leans toward it.
    ImageAnalysis hookImage = image(params.get(0));
    if (hookImage.salient().centerX() > 0.55) {
      assertThat(hook.to().centerX()).isGreaterThan(0.5);
    }
  }

  @Test
  void choosesTransitionsByTone() {
    for (SceneParams p : plan(brief(Tone.CALM, 30, 5), images())) {
      if (p.transition() != null) {
        assertThat(p.transition().kind()).isEqualTo(Transition.Kind.CROSSFADE);
        assertThat(p.transition().durationSeconds()).isBetween(0.6, 0.8);
      }
    }
    for (SceneParams p : plan(brief(Tone.ENERGETIC, 30, 5), images())) {
      if (p.transition() != null) {
        assertThat(p.transition().kind())
            .isIn(Transition.Kind.WIPE_LEFT, Transition.Kind.SLIDE_LEFT);
        assertThat(p.transition().durationSeconds()).isCloseTo(0.4, within(1e-9));
      }
    }
    assertThat(plan(brief(Tone.PREMIUM, 30, 5), images()))
        .filteredOn(p -> p.transition() != null)
        .extracting(p -> p.transition().kind())
        .contains(Transition.Kind.FADE_BLACK);
  }

  @Test
  void setsCaptionsThatReadOnTheirPanel() {
    for (Tone tone : Tone.values()) {
      for (SceneParams p : plan(brief(tone, 60, 8), Fixtures.awkwardImages())) {
        var caption = p.caption();
        assertThat(Captions.fits(caption.text())).isTrue();
        assertThat(
                Colors.contrastRatio(
                    Colors.parse(caption.textColor()), Colors.parse(caption.panelColor())))
            .isGreaterThanOrEqualTo(4.5);
        assertThat(Colors.isHex(caption.accentColor())).isTrue();
        assertThat(Colors.isHex(p.backgroundColor())).isTrue();
        assertThat(caption.sizeRatio()).isBetween(0.055, 0.07);
        assertThat(caption.appearSeconds()).isBetween(0.2, 0.6);
      }
    }
  }

  @Test
  void writesDarkTextOnBrightImagesAndLightTextOnDarkOnes() {
    List<SceneParams> params = plan(brief(Tone.WARM, 60, 6), images());

    for (SceneParams p : params) {
      double brightness = image(p).brightness();
      String expected = brightness >= 0.6 ? "#111111" : "#FFFFFF";
      assertThat(p.caption().textColor()).isEqualTo(expected);
    }
  }

  @Test
  void usesTheBrandColourAsAccent() {
    Brief brief = brief(Tone.BOLD, 30, 4);

    assertThat(plan(brief, images()))
        .extracting(p -> p.caption().accentColor())
        .contains("#1A73E8");
  }

  @Test
  void describesEachShotForVideoModelsAndSeedsItDeterministically() {
    Brief brief = brief(Tone.PREMIUM, 30, 5);

    List<SceneParams> first = plan(brief, images());
    List<SceneParams> second = plan(brief, images());

    assertThat(second).isEqualTo(first);
    Set<Long> seeds = new HashSet<>();
    for (SceneParams p : first) {
      assertThat(p.prompt()).contains(Fixtures.PRODUCT).contains("16:9");
      assertThat(p.seed()).isNotNegative();
      seeds.add(p.seed());
    }
    assertThat(seeds).hasSize(first.size());
    assertThat(plan(brief(Tone.CALM, 30, 5), images()).get(0).seed())
        .isNotEqualTo(first.get(0).seed());
  }

  private static ImageAnalysis image(SceneParams p) {
    return images().stream()
        .filter(i -> i.normalized().equals(p.imagePath()))
        .findFirst()
        .orElseThrow();
  }
}
