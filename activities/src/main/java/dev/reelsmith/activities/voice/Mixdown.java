package dev.reelsmith.activities.voice;

import java.util.List;

/**
 * The ad's final sound: music under the narration, ducked while the voice speaks, then normalised
 * to {@link Loudness#TARGET_LUFS}. All 48 kHz stereo floats.
 */
public final class Mixdown {

  /** A voice-over clip and when in the ad it starts. */
  public record Line(double startSeconds, float[][] samples) {}

  /** Music sits this far below the voice's loudness, before ducking. */
  private static final double MUSIC_UNDER_VOICE_LU = 8;

  /** How far the music drops while the voice speaks. */
  private static final double DUCK_DB = -10;

  private static final double DUCK_ATTACK_SECONDS = 0.15;
  private static final double DUCK_RELEASE_SECONDS = 0.45;
  private static final double FADE_OUT_SECONDS = 1.5;

  private Mixdown() {}

  /**
   * Mixes {@code lines} over {@code music} into {@code seconds} of sound. The music is cut (with a
   * fade) at the end of the ad; shorter music plays once and leaves silence after it. Voice-over
   * running past the end is cut: the planner makes scenes long enough that none does.
   */
  public static float[][] mix(float[][] music, List<Line> lines, double seconds) {
    int length = (int) Math.ceil(seconds * AudioDecoder.SAMPLE_RATE);
    float[][] voice = new float[2][length];
    double[] duck = new double[length];
    int attack = (int) (DUCK_ATTACK_SECONDS * AudioDecoder.SAMPLE_RATE);
    int release = (int) (DUCK_RELEASE_SECONDS * AudioDecoder.SAMPLE_RATE);
    for (Line line : lines) {
      int start = (int) Math.round(line.startSeconds() * AudioDecoder.SAMPLE_RATE);
      int count = line.samples()[0].length;
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < count && start + i < length; i++) {
          voice[c][start + i] += line.samples()[c][i];
        }
      }
      // The music starts going down before the first word and comes back after the last.
      for (int i = Math.max(0, start - attack);
          i < Math.min(length, start + count + release);
          i++) {
        double depth;
        if (i < start) {
          depth = 1 - (start - i) / (double) attack;
        } else if (i >= start + count) {
          depth = 1 - (i - start - count) / (double) release;
        } else {
          depth = 1;
        }
        duck[i] = Math.max(duck[i], depth);
      }
    }
    double voiceLoudness = Loudness.integrated(voice);
    float[][] bed = new float[2][length];
    double musicGain = 1;
    if (music != null && music[0].length > 0) {
      double musicLoudness = Loudness.integrated(music);
      if (Double.isFinite(voiceLoudness) && Double.isFinite(musicLoudness)) {
        musicGain = Math.pow(10, (voiceLoudness - MUSIC_UNDER_VOICE_LU - musicLoudness) / 20);
      }
      int available = Math.min(length, music[0].length);
      int fade = (int) (FADE_OUT_SECONDS * AudioDecoder.SAMPLE_RATE);
      double ducked = Math.pow(10, DUCK_DB / 20);
      for (int c = 0; c < 2; c++) {
        float[] source = music[Math.min(c, music.length - 1)];
        for (int i = 0; i < available; i++) {
          double fadeOut = Math.min(1, (available - i) / (double) fade);
          double gain = musicGain * fadeOut * (1 - duck[i] * (1 - ducked));
          bed[c][i] = (float) (source[i] * gain);
        }
      }
    }
    float[][] mix = new float[2][length];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < length; i++) {
        mix[c][i] = voice[c][i] + bed[c][i];
      }
    }
    Loudness.normalize(mix);
    return mix;
  }
}
