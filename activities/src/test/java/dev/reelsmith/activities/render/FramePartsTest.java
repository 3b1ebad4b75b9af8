package dev.reelsmith.activities.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pieces a frame and a sound track are made of, without FFmpeg. */
class FramePartsTest {

  @Test
  void theCameraWindowMovesSteadilyAndStaysOnTheCanvas() {
    CameraMove move =
        new CameraMove(
            CameraMove.Framing.COVER,
            new CameraMove.Keyframe(1.0, 0.1, 0.5),
            new CameraMove.Keyframe(2.0, 0.9, 0.5),
            CameraMove.Easing.LINEAR);
    CameraPath path = new CameraPath(move, 61);

    CameraPath.Window first = path.at(0);
    CameraPath.Window last = path.at(60);

    assertThat(first.size()).isCloseTo(1.0, within(1e-9));
    assertThat(first.left()).isCloseTo(0, within(1e-9));
    assertThat(last.size()).isCloseTo(0.5, within(1e-9));
    assertThat(last.left() + last.size()).isCloseTo(1.0, within(1e-9));
    // Zoom is geometric: half-way in time the window is 1/sqrt(2) wide, not 3/4.
    assertThat(path.at(30).size()).isCloseTo(1 / Math.sqrt(2), within(1e-9));
    for (int f = 1; f <= 60; f++) {
      CameraPath.Window w = path.at(f);
      assertThat(w.size()).isLessThan(path.at(f - 1).size());
      assertThat(w.left()).isBetween(0.0, 1 - w.size());
      assertThat(w.top()).isBetween(0.0, 1 - w.size());
    }
  }

  @Test
  void zoomBelowOneIsRaisedSoTheWindowNeverLeavesTheCanvas() {
    CameraMove move =
        new CameraMove(
            null,
            new CameraMove.Keyframe(0.5, 0.0, 1.0),
            new CameraMove.Keyframe(0.8, 1.0, 0.0),
            CameraMove.Easing.EASE_OUT);

    CameraPath.Window w = new CameraPath(move, 10).at(5);

    assertThat(w.size()).isEqualTo(1.0);
    assertThat(w.left()).isEqualTo(0.0);
    assertThat(w.top()).isEqualTo(0.0);
  }

  @Test
  void scenesExpectToBeCutWhereTheirTransitionsWillOverlap() {
    SceneParams first =
        Fixtures.scene(1, 640, 360, 4.0, new Transition(Transition.Kind.CROSSFADE, 0.5));
    SceneParams middle =
        Fixtures.scene(2, 640, 360, 4.0, new Transition(Transition.Kind.WIPE_LEFT, 0.4));
    SceneParams last = Fixtures.scene(3, 640, 360, 4.0, null);

    assertThat(Timeline.expectedIncomingCuts(first)).isEmpty();
    assertThat(Timeline.outgoingCut(first)).isEqualTo(105);
    assertThat(Timeline.expectedIncomingCuts(middle)).containsExactly(12);
    assertThat(Timeline.outgoingCut(middle)).isEqualTo(108);
    // The last scene has no transition to guess from: a ladder every 0.2 s, and 0.5 s.
    assertThat(Timeline.expectedIncomingCuts(last)).containsExactly(6, 12, 15, 18, 24, 30);
    assertThat(Timeline.outgoingCut(last)).isEqualTo(120);
    assertThat(Timeline.totalFrames(List.of(first, middle, last))).isEqualTo(360 - 15 - 12);
  }

  @Test
  void samplingMovesByFractionsOfAPixel() {
    // A horizontal ramp: value = 10 * x. Shifting the window by a quarter pixel shifts values by
    // 2.5 levels, which fixed-point bilinear sampling reproduces instead of snapping to a pixel.
    int width = 32;
    int height = 8;
    byte[] source = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        source[y * width + x] = (byte) (10 * x);
      }
    }
    PlaneSampler sampler = new PlaneSampler(16, 4);
    byte[] a = new byte[16 * 4];
    byte[] b = new byte[16 * 4];

    sampler.sample(source, width, height, 4.0, 2.0, 16, 4, a);
    sampler.sample(source, width, height, 4.25, 2.0, 16, 4, b);

    for (int i = 0; i < a.length; i++) {
      assertThat((b[i] & 255) - (a[i] & 255)).isBetween(2, 3);
    }
    assertThat(a[0] & 255).isEqualTo(40);
  }

  @Test
  void aLongCaptionWrapsToAtMostThreeLinesInsideTheSafeMargins() {
    Caption caption =
        new Caption(
            "Slow-steeped for eighteen hours in small batches, bottled in recyclable glass, and"
                + " delivered cold to your door every single week of the year, whatever the weather",
            Caption.Placement.TOP,
            "#FFFFFF",
            "#000000",
            "#FF5500",
            0.07,
            0.5);

    CaptionOverlay overlay = CaptionOverlay.typeset(caption, 720, 1280);
    int[] box = overlay.bounds();

    assertThat(overlay.lineCount()).isLessThanOrEqualTo(CaptionOverlay.MAX_LINES);
    assertThat(box[0]).isGreaterThanOrEqualTo((int) (720 * 0.05));
    assertThat(box[0] + box[2]).isLessThanOrEqualTo((int) Math.ceil(720 * 0.95));
    assertThat(box[1]).isGreaterThanOrEqualTo((int) (1280 * 0.05));
  }

  @ParameterizedTest
  @EnumSource(Caption.Placement.class)
  void captionsSitWhereTheirPlacementSays(Caption.Placement placement) {
    Caption caption =
        new Caption("Order today", placement, "#FFFFFF", "#000000", "#FF5500", 0.06, 0.5);

    int[] box = CaptionOverlay.typeset(caption, 1280, 720).bounds();
    int middle = box[1] + box[3] / 2;

    switch (placement) {
      case TOP -> assertThat(middle).isLessThan(720 / 3);
      case CENTER -> assertThat(middle).isBetween(720 / 3, 2 * 720 / 3);
      case LOWER_THIRD -> assertThat(middle).isGreaterThan(2 * 720 / 3);
    }
  }

  @Test
  void captionTextIsNeverInterpretedAsMarkup() {
    Caption html =
        new Caption(
            "<html><b>Bold</b></html>",
            Caption.Placement.CENTER,
            "#FFFFFF",
            "#000000",
            "#FF5500",
            0.06,
            0);
    Caption plain =
        new Caption("Bold", Caption.Placement.CENTER, "#FFFFFF", "#000000", "#FF5500", 0.06, 0);

    // Drawn as the characters they are, the tags make the box wider than the word alone.
    assertThat(CaptionOverlay.typeset(html, 1280, 720).bounds()[2])
        .isGreaterThan(CaptionOverlay.typeset(plain, 1280, 720).bounds()[2] * 2);
  }

  @Test
  void captionOpacityEasesInAndIsCompleteAtItsAppearTime() {
    Caption caption =
        new Caption("Hello", Caption.Placement.TOP, "#FFFFFF", "#000000", "#FF5500", 0.06, 1.0);
    CaptionOverlay overlay = CaptionOverlay.typeset(caption, 640, 360);

    assertThat(overlay.opacityAt(0)).isZero();
    assertThat(overlay.opacityAt(0.75)).isBetween(0.4, 0.6);
    assertThat(overlay.opacityAt(1.0)).isEqualTo(1.0);
    assertThat(overlay.opacityAt(3.0)).isEqualTo(1.0);
  }

  @Test
  void theMusicBedIsDeterministicSoftAndFadesOut() {
    float[][] first = MusicBed.render(Tone.WARM, 6);
    float[][] second = MusicBed.render(Tone.WARM, 6);

    assertThat(first[0]).isEqualTo(second[0]);
    assertThat(first[1]).isEqualTo(second[1]);
    assertThat(first[0]).hasSize(6 * MusicBed.SAMPLE_RATE);
    double peak = 0;
    for (float[] channel : first) {
      for (float sample : channel) {
        peak = Math.max(peak, Math.abs(sample));
      }
    }
    assertThat(peak).isBetween(0.2, 0.31);
    assertThat(rms(first[0], 2 * MusicBed.SAMPLE_RATE, 3 * MusicBed.SAMPLE_RATE))
        .isGreaterThan(0.03);
    assertThat(rms(first[0], first[0].length - 2400, first[0].length)).isLessThan(0.002);
  }

  @Test
  void eachToneHasItsOwnMusic() {
    List<float[]> beds =
        java.util.Arrays.stream(Tone.values()).map(t -> MusicBed.render(t, 2)[0]).toList();

    for (int i = 0; i < beds.size(); i++) {
      for (int j = i + 1; j < beds.size(); j++) {
        assertThat(beds.get(i)).isNotEqualTo(beds.get(j));
      }
    }
  }

  private static double rms(float[] samples, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += samples[i] * samples[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  @Test
  void parameterSetsCompareEqualWhetherStoredAsAvccOrAnnexB() {
    byte[] sps = {0x67, 0x64, 0x00, 0x1F, (byte) 0xAC};
    byte[] pps = {0x68, (byte) 0xEE, 0x3C, (byte) 0x80};
    byte[] annexB = {
      0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1F, (byte) 0xAC, 0, 0, 1, 0x68, (byte) 0xEE, 0x3C, (byte) 0x80
    };
    byte[] avcc = {
      1,
      0x64,
      0x00,
      0x1F,
      (byte) 0xFF,
      (byte) 0xE1,
      0,
      5,
      0x67,
      0x64,
      0x00,
      0x1F,
      (byte) 0xAC,
      1,
      0,
      4,
      0x68,
      (byte) 0xEE,
      0x3C,
      (byte) 0x80,
      (byte) 0xFD,
      (byte) 0xF8,
      (byte) 0xF8,
      0
    };

    assertThat(H264Bitstream.parameterSets(annexB)).containsExactly(sps, pps);
    assertThat(H264Bitstream.parameterSets(avcc)).containsExactly(sps, pps);
    assertThat(H264Bitstream.lengthSize(avcc)).isEqualTo(4);
    assertThat(H264Bitstream.lengthSize(annexB)).isEqualTo(-1);
  }
}
