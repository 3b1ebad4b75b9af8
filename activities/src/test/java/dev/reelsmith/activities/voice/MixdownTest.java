package dev.reelsmith.activities.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixdownTest {

  private static final int RATE = AudioDecoder.SAMPLE_RATE;

  @Test
  void theMusicDucksWhileTheVoiceSpeaksAndTheMixIsAtTheTarget() {
    float[][] music = LoudnessTest.sine(220, -12, 12);
    float[][] voice = LoudnessTest.sine(1000, -20, 3);

    float[][] mix = Mixdown.mix(music, List.of(new Mixdown.Line(4, voice)), 10);

    assertThat(mix[0]).hasSize(10 * RATE);
    assertThat(Loudness.integrated(mix)).isCloseTo(Loudness.TARGET_LUFS, within(0.2));
    // The music's level (220 Hz) before the voice and while it speaks.
    double before = level(mix, 220, 1.0, 3.5);
    double under = level(mix, 220, 4.5, 6.5);
    double voiceLevel = level(mix, 1000, 4.5, 6.5);
    assertThat(20 * Math.log10(under / before)).isCloseTo(-10, within(1.0));
    assertThat(voiceLevel).isGreaterThan(5 * under);
    // The music fades out at the end of the ad instead of stopping dead.
    assertThat(level(mix, 220, 9.9, 10)).isLessThan(before / 5);
  }

  @Test
  void musicShorterThanTheAdPlaysOnceAndLeavesSilence() {
    float[][] music = LoudnessTest.sine(220, -12, 4);
    float[][] mix = Mixdown.mix(music, List.of(), 8);
    float[] tail = Arrays.copyOfRange(mix[0], 5 * RATE, 8 * RATE);
    for (float sample : tail) {
      assertThat(sample).isZero();
    }
  }

  /** The amplitude of {@code frequency} in the left channel between two times (a DFT bin). */
  private static double level(float[][] mix, double frequency, double from, double to) {
    int start = (int) (from * RATE);
    int end = (int) (to * RATE);
    double re = 0;
    double im = 0;
    for (int i = start; i < end; i++) {
      double phase = 2 * Math.PI * frequency * i / RATE;
      re += mix[0][i] * Math.cos(phase);
      im += mix[0][i] * Math.sin(phase);
    }
    return 2 * Math.hypot(re, im) / (end - start);
  }
}
