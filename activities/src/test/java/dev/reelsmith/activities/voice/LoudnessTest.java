package dev.reelsmith.activities.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoudnessTest {

  /** EBU Tech 3341, cases 1 and 2: a 1 kHz stereo sine at -23 / -33 dBFS reads -23 / -33 LUFS. */
  @Test
  void readsTheEbuReferenceTonesAtTheirLevel() {
    assertThat(Loudness.integrated(sine(1000, -23, 20))).isCloseTo(-23.0, within(0.1));
    assertThat(Loudness.integrated(sine(1000, -33, 20))).isCloseTo(-33.0, within(0.1));
  }

  @Test
  void ignoresSilenceWhenMeasuring() {
    float[][] tone = sine(1000, -23, 10);
    float[][] withSilence = new float[2][tone[0].length * 3];
    for (int c = 0; c < 2; c++) {
      System.arraycopy(tone[c], 0, withSilence[c], tone[0].length, tone[0].length);
    }
    assertThat(Loudness.integrated(withSilence)).isCloseTo(-23.0, within(0.2));
    assertThat(Loudness.integrated(new float[2][48_000 * 2])).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void bringsQuietAndPeakySoundToMinus16LufsWithoutClipping() {
    float[][] quiet = sine(440, -40, 10);
    // Clicks far above the tone: reaching -16 LUFS needs the limiter.
    for (int i = 0; i < quiet[0].length; i += 4800) {
      quiet[0][i] = 0.5f;
      quiet[1][i] = -0.5f;
    }
    Loudness.normalize(quiet);
    assertThat(Loudness.integrated(quiet)).isCloseTo(Loudness.TARGET_LUFS, within(0.2));
    for (float[] channel : quiet) {
      for (float sample : channel) {
        assertThat(Math.abs(sample)).isLessThanOrEqualTo((float) Loudness.CEILING + 1e-6f);
      }
    }
  }

  static float[][] sine(double frequency, double dbfs, double seconds) {
    int length = (int) (seconds * AudioDecoder.SAMPLE_RATE);
    double amplitude = Math.pow(10, dbfs / 20);
    float[][] out = new float[2][length];
    for (int i = 0; i < length; i++) {
      float v =
          (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / AudioDecoder.SAMPLE_RATE));
      out[0][i] = v;
      out[1][i] = v;
    }
    return out;
  }
}
