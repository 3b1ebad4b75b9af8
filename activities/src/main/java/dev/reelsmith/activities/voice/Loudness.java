package dev.reelsmith.activities.voice;

/**
 * Integrated loudness of 48 kHz stereo as ITU-R BS.1770-4 (EBU R128) defines it: K-weighting, 400
 * ms blocks overlapping by 75 %, an absolute gate at -70 LUFS and a relative gate 10 LU below the
 * ungated level.
 */
public final class Loudness {

  /** What an ad is normalised to: the level streaming and social platforms play at. */
  public static final double TARGET_LUFS = -16;

  /** Highest sample level after normalisation, leaving the AAC encoder headroom for overshoot. */
  static final double CEILING = Math.pow(10, -1.5 / 20);

  private static final int MAX_PASSES = 6;

  private static final double ABSOLUTE_GATE = -70;
  private static final double RELATIVE_GATE = -10;

  // The BS.1770 K-weighting filter at 48 kHz: a high shelf, then a high pass.
  private static final double[] SHELF_B = {1.53512485958697, -2.69169618940638, 1.19839281085285};
  private static final double[] SHELF_A = {-1.69065929318241, 0.73248077421585};
  private static final double[] HIGHPASS_B = {1.0, -2.0, 1.0};
  private static final double[] HIGHPASS_A = {-1.99004745483398, 0.99007225036621};

  private Loudness() {}

  /** The integrated loudness in LUFS; negative infinity for silence. */
  public static double integrated(float[][] channels) {
    int length = channels[0].length;
    int step = AudioDecoder.SAMPLE_RATE / 10;
    int blocks = length < 4 * step ? 0 : (length - 4 * step) / step + 1;
    // Mean square of the weighted signal per 100 ms step, summed over channels.
    double[] steps = new double[length / step];
    for (float[] channel : channels) {
      double[] weighted = kWeighted(channel);
      for (int s = 0; s < steps.length; s++) {
        double sum = 0;
        for (int i = s * step; i < (s + 1) * step; i++) {
          sum += weighted[i] * weighted[i];
        }
        steps[s] += sum / step;
      }
    }
    double[] power = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      power[b] = (steps[b] + steps[b + 1] + steps[b + 2] + steps[b + 3]) / 4;
    }
    double ungated = gatedMean(power, Math.pow(10, (ABSOLUTE_GATE + 0.691) / 10));
    if (ungated == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double relative = ungated * Math.pow(10, RELATIVE_GATE / 10);
    double gate = Math.max(relative, Math.pow(10, (ABSOLUTE_GATE + 0.691) / 10));
    return -0.691 + 10 * Math.log10(gatedMean(power, gate));
  }

  private static double gatedMean(double[] power, double threshold) {
    double sum = 0;
    int count = 0;
    for (double p : power) {
      if (p > threshold) {
        sum += p;
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  private static double[] kWeighted(float[] channel) {
    double[] out = new double[channel.length];
    for (int i = 0; i < channel.length; i++) {
      out[i] = channel[i];
    }
    biquad(out, SHELF_B, SHELF_A);
    biquad(out, HIGHPASS_B, HIGHPASS_A);
    return out;
  }

  private static void biquad(double[] x, double[] b, double[] a) {
    double x1 = 0;
    double x2 = 0;
    double y1 = 0;
    double y2 = 0;
    for (int i = 0; i < x.length; i++) {
      double in = x[i];
      double y = b[0] * in + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
      x2 = x1;
      x1 = in;
      y2 = y1;
      y1 = y;
      x[i] = y;
    }
  }

  /**
   * Scales {@code channels} in place to {@link #TARGET_LUFS}, with a look-ahead limiter keeping
   * peaks under {@link #CEILING}. Limiting lowers the loudness a little, so the gain is measured
   * and corrected again; each pass limits less than the one before.
   */
  public static void normalize(float[][] channels) {
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      double measured = integrated(channels);
      if (!Double.isFinite(measured) || Math.abs(measured - TARGET_LUFS) < 0.1) {
        return;
      }
      double gain = Math.pow(10, (TARGET_LUFS - measured) / 20);
      for (float[] channel : channels) {
        for (int i = 0; i < channel.length; i++) {
          channel[i] *= (float) gain;
        }
      }
      limit(channels);
    }
  }

  /** Gain reduction that reaches its depth over 5 ms before a peak and recovers over 80 ms. */
  static void limit(float[][] channels) {
    int length = channels[0].length;
    int lookahead = AudioDecoder.SAMPLE_RATE / 200;
    double recovery = Math.exp(-1.0 / (0.08 * AudioDecoder.SAMPLE_RATE));
    double[] needed = new double[length];
    for (int i = 0; i < length; i++) {
      double peak = 0;
      for (float[] channel : channels) {
        peak = Math.max(peak, Math.abs(channel[i]));
      }
      needed[i] = peak > CEILING ? CEILING / peak : 1;
    }
    // Each sample takes the lowest gain any peak within the look-ahead needs, ramped towards it.
    double[] gain = new double[length];
    double current = 1;
    java.util.ArrayDeque<Integer> window = new java.util.ArrayDeque<>();
    for (int i = 0; i < length + lookahead; i++) {
      if (i < length) {
        while (!window.isEmpty() && needed[window.peekLast()] >= needed[i]) {
          window.pollLast();
        }
        window.addLast(i);
      }
      int at = i - lookahead;
      if (at < 0) {
        continue;
      }
      while (window.peekFirst() < at) {
        window.pollFirst();
      }
      double target = needed[window.peekFirst()];
      current = target < current ? target : Math.min(target, 1 - (1 - current) * recovery);
      gain[at] = current;
    }
    for (float[] channel : channels) {
      for (int i = 0; i < length; i++) {
        channel[i] *= (float) gain[i];
      }
    }
  }
}
