package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.Tone;

/**
 * A soft synthesized music bed, so that the ad has sound: a four-chord progression of detuned
 * sine/triangle pads with slow attacks and releases, a gentle bass and, for lively tones, a quiet
 * arpeggio. The key, tempo, chords and colour follow the brief's {@link Tone}. Pure arithmetic, no
 * randomness: the same tone and length always give the same samples.
 */
final class MusicBed {

  static final int SAMPLE_RATE = 48_000;

  /** Peak level of the mix, well below full scale: a bed under the picture, not a song. */
  private static final double PEAK = 0.3;

  private static final double FADE_IN_SECONDS = 0.6;
  private static final double FADE_OUT_SECONDS = 2.0;

  /** How a tone sounds. Chords are semitone offsets from the key's root (MIDI note). */
  private record Style(
      int root,
      double bpm,
      int beatsPerChord,
      int[][] chords,
      double triangle,
      boolean arpeggio,
      double bass) {}

  private static final int[] MAJOR = {0, 4, 7, 12};
  private static final int[] MINOR = {0, 3, 7, 12};
  private static final int[] MAJOR7 = {0, 4, 7, 11};
  private static final int[] MINOR7 = {0, 3, 7, 10};
  private static final int[] SUS2 = {0, 2, 7, 12};
  private static final int[] ADD9 = {0, 4, 7, 14};

  private MusicBed() {}

  private static Style style(Tone tone) {
    Tone t = tone == null ? Tone.WARM : tone;
    return switch (t) {
      // I - vi - IV - V in C: familiar and friendly.
      case WARM ->
          new Style(60, 84, 4, chords(0, MAJOR, 9, MINOR, 5, MAJOR, 7, MAJOR), 0.35, false, 0.5);
      // vi - IV - I - V in A minor, quick, with a running arpeggio.
      case ENERGETIC ->
          new Style(57, 120, 4, chords(0, MINOR, 8, MAJOR, 3, MAJOR, 10, MAJOR), 0.5, true, 0.6);
      // Major sevenths in D flat, slow: polished and spacious.
      case PREMIUM ->
          new Style(61, 70, 4, chords(0, MAJOR7, 5, MINOR7, 2, MINOR7, 7, ADD9), 0.2, false, 0.45);
      // I - IV - V - IV in F with a bright arpeggio.
      case PLAYFUL ->
          new Style(65, 112, 4, chords(0, MAJOR, 5, MAJOR, 7, MAJOR, 5, MAJOR), 0.45, true, 0.45);
      // Suspended chords in E, very slow: nothing resolves, nothing hurries.
      case CALM ->
          new Style(64, 60, 4, chords(0, SUS2, 5, ADD9, 9, SUS2, 7, SUS2), 0.15, false, 0.35);
      // i - VI - III - VII in D minor with a firm bass.
      case BOLD ->
          new Style(62, 96, 4, chords(0, MINOR, 8, MAJOR, 3, MAJOR, 10, MAJOR), 0.6, false, 0.8);
    };
  }

  private static int[][] chords(Object... rootAndShape) {
    int[][] chords = new int[rootAndShape.length / 2][];
    for (int i = 0; i < chords.length; i++) {
      int root = (Integer) rootAndShape[2 * i];
      int[] shape = (int[]) rootAndShape[2 * i + 1];
      chords[i] = new int[shape.length];
      for (int k = 0; k < shape.length; k++) {
        chords[i][k] = root + shape[k];
      }
    }
    return chords;
  }

  /**
   * Renders {@code seconds} of stereo music.
   *
   * @return two planar channels (left, right) of floats in -1..1
   */
  static float[][] render(Tone tone, double seconds) {
    Style style = style(tone);
    int length = (int) Math.ceil(seconds * SAMPLE_RATE);
    double[] left = new double[length];
    double[] right = new double[length];
    double chordSeconds = style.beatsPerChord() * 60.0 / style.bpm();
    double attack = Math.min(1.2, chordSeconds * 0.35);
    double release = Math.min(1.5, chordSeconds * 0.45);
    int chordCount = (int) Math.ceil(seconds / chordSeconds) + 1;
    for (int c = 0; c < chordCount; c++) {
      int[] chord = style.chords()[c % style.chords().length];
      double start = c * chordSeconds;
      double end = start + chordSeconds;
      for (int k = 0; k < chord.length; k++) {
        double frequency = midiToHz(style.root() + chord[k]);
        // Voices spread across the stereo field and detuned by a few cents for a soft chorus.
        double pan = chord.length == 1 ? 0.5 : 0.2 + 0.6 * k / (chord.length - 1);
        double gain = 0.16 / Math.sqrt(chord.length);
        pad(left, right, start, end, attack, release, frequency * 1.0017, pan, gain, style);
        pad(left, right, start, end, attack, release, frequency / 1.0017, 1 - pan, gain, style);
      }
      double bass = midiToHz(style.root() + chord[0] - 24);
      pad(left, right, start, end, 0.08, release, bass, 0.5, 0.22 * style.bass(), style);
      if (style.arpeggio()) {
        double step = 60.0 / style.bpm() / 2;
        int steps = (int) Math.round(chordSeconds / step);
        for (int s = 0; s < steps; s++) {
          int note = style.root() + chord[s % chord.length] + 12;
          pluck(left, right, start + s * step, midiToHz(note), s % 2 == 0 ? 0.35 : 0.65, 0.05);
        }
      }
    }
    return master(left, right, seconds);
  }

  /** One sustained voice: a sine/triangle blend with a raised-cosine attack and release. */
  private static void pad(
      double[] left,
      double[] right,
      double start,
      double end,
      double attack,
      double release,
      double frequency,
      double pan,
      double gain,
      Style style) {
    int from = (int) Math.floor(start * SAMPLE_RATE);
    int to = Math.min(left.length, (int) Math.ceil((end + release) * SAMPLE_RATE));
    double gainLeft = gain * Math.cos(pan * Math.PI / 2);
    double gainRight = gain * Math.sin(pan * Math.PI / 2);
    double phaseStep = frequency / SAMPLE_RATE;
    double triangle = style.triangle();
    Sine sine = new Sine(frequency);
    double phase = 0;
    double envelope = 0;
    double envelopeStep = 0;
    for (int i = from; i < to; i++) {
      // The envelope moves slowly: computed exactly every block, interpolated in between.
      if ((i - from) % ENVELOPE_BLOCK == 0) {
        double t = (double) (i - from) / SAMPLE_RATE;
        envelope = envelope(t, end - start, attack, release);
        double next =
            envelope(
                (double) (i - from + ENVELOPE_BLOCK) / SAMPLE_RATE, end - start, attack, release);
        envelopeStep = (next - envelope) / ENVELOPE_BLOCK;
      }
      double tri = 1 - 4 * Math.abs(phase - 0.5);
      double sample = envelope * ((1 - triangle) * sine.next() + triangle * tri);
      left[i] += sample * gainLeft;
      right[i] += sample * gainRight;
      envelope += envelopeStep;
      phase += phaseStep;
      if (phase >= 1) {
        phase -= 1;
      }
    }
  }

  private static final int ENVELOPE_BLOCK = 64;

  private static double envelope(double t, double length, double attack, double release) {
    if (t < 0 || t > length + release) {
      return 0;
    }
    double rise = t < attack ? 0.5 - 0.5 * Math.cos(Math.PI * t / attack) : 1;
    double fall = t > length ? 0.5 + 0.5 * Math.cos(Math.PI * (t - length) / release) : 1;
    return rise * fall;
  }

  /** A short bell-like note with an exponential decay. */
  private static void pluck(
      double[] left, double[] right, double start, double frequency, double pan, double gain) {
    int from = (int) Math.floor(start * SAMPLE_RATE);
    int to = Math.min(left.length, from + (int) (0.9 * SAMPLE_RATE));
    double gainLeft = gain * Math.cos(pan * Math.PI / 2);
    double gainRight = gain * Math.sin(pan * Math.PI / 2);
    Sine fundamental = new Sine(frequency);
    Sine overtone = new Sine(2 * frequency);
    double decay = Math.exp(-5.5 / SAMPLE_RATE);
    double level = 1;
    int attack = (int) (0.004 * SAMPLE_RATE);
    for (int i = from; i < to; i++) {
      int n = i - from;
      double envelope = n < attack ? level * n / attack : level;
      double sample = envelope * (fundamental.next() + 0.25 * overtone.next());
      left[i] += sample * gainLeft;
      right[i] += sample * gainRight;
      level *= decay;
    }
  }

  /**
   * A sine oscillator by the two-term recurrence {@code y[n] = 2cos(w) y[n-1] - y[n-2]}: exact to
   * double precision over a note's few seconds, and far cheaper than {@code Math.sin} per sample.
   */
  private static final class Sine {
    private final double coefficient;
    private double previous;
    private double current;

    Sine(double frequency) {
      double w = 2 * Math.PI * frequency / SAMPLE_RATE;
      coefficient = 2 * Math.cos(w);
      previous = -Math.sin(w);
      current = 0;
    }

    /** sin(w n) for n = 0, 1, 2, ... */
    double next() {
      double value = current;
      double following = coefficient * current - previous;
      previous = current;
      current = following;
      return value;
    }
  }

  /** Normalises to {@link #PEAK}, fades in and out, and converts to float. */
  private static float[][] master(double[] left, double[] right, double seconds) {
    double peak = 1e-9;
    for (int i = 0; i < left.length; i++) {
      peak = Math.max(peak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
    }
    double scale = PEAK / peak;
    float[][] out = new float[2][left.length];
    double fadeOutStart = Math.max(0, seconds - FADE_OUT_SECONDS);
    for (int i = 0; i < left.length; i++) {
      double t = (double) i / SAMPLE_RATE;
      double fade = 1;
      if (t < FADE_IN_SECONDS) {
        fade = t / FADE_IN_SECONDS;
      }
      if (t > fadeOutStart) {
        double f = Math.max(0, 1 - (t - fadeOutStart) / (seconds - fadeOutStart));
        fade *= f * f;
      }
      out[0][i] = (float) (left[i] * scale * fade);
      out[1][i] = (float) (right[i] * scale * fade);
    }
    return out;
  }

  private static double midiToHz(int note) {
    return 440 * Math.pow(2, (note - 69) / 12.0);
  }
}
