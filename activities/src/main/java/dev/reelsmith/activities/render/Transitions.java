package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.Transition;

/**
 * The transitions the stitcher knows, computed directly on Y'CbCr planes. Moves are eased and
 * sub-pixel (a wipe's edge is feathered, a slide interpolates between pixels), so nothing steps or
 * jitters.
 */
final class Transitions {

  private static final int BLACK_LUMA = 16;
  private static final int NEUTRAL_CHROMA = 128;

  /** A wipe's soft edge, as a fraction of the frame width. */
  private static final double WIPE_FEATHER = 0.04;

  private Transitions() {}

  /** Progress of overlap frame {@code k} of {@code frames}: strictly between 0 and 1. */
  static double progress(int k, int frames) {
    return (k + 1.0) / (frames + 1.0);
  }

  /** Writes into {@code out} the blend of {@code from} into {@code to} at {@code progress}. */
  static void blend(
      Transition.Kind kind, Yuv420Image from, Yuv420Image to, double progress, Yuv420Image out) {
    switch (kind) {
      case CROSSFADE -> {
        int w = weight(progress);
        mix(from.y, to.y, w, out.y);
        mix(from.u, to.u, w, out.u);
        mix(from.v, to.v, w, out.v);
      }
      case FADE_BLACK -> {
        // Down to black over the first half, up from black over the second.
        Yuv420Image source = progress < 0.5 ? from : to;
        int w = weight(progress < 0.5 ? 1 - progress * 2 : progress * 2 - 1);
        fade(source.y, BLACK_LUMA, w, out.y);
        fade(source.u, NEUTRAL_CHROMA, w, out.u);
        fade(source.v, NEUTRAL_CHROMA, w, out.v);
      }
      case WIPE_LEFT -> {
        double p = smoothstep(progress);
        wipe(from.y, to.y, from.width, from.height, p, out.y);
        wipe(from.u, to.u, from.chromaWidth, from.chromaHeight, p, out.u);
        wipe(from.v, to.v, from.chromaWidth, from.chromaHeight, p, out.v);
      }
      case SLIDE_LEFT -> {
        double p = smoothstep(progress);
        slide(from.y, to.y, from.width, from.height, p, out.y);
        slide(from.u, to.u, from.chromaWidth, from.chromaHeight, p, out.u);
        slide(from.v, to.v, from.chromaWidth, from.chromaHeight, p, out.v);
      }
    }
  }

  private static int weight(double progress) {
    return (int) Math.round(Math.max(0, Math.min(1, progress)) * 256);
  }

  private static double smoothstep(double t) {
    return t * t * (3 - 2 * t);
  }

  private static void mix(byte[] a, byte[] b, int w, byte[] out) {
    for (int i = 0; i < out.length; i++) {
      int x = a[i] & 255;
      out[i] = (byte) (x + (((b[i] & 255) - x) * w + 128 >> 8));
    }
  }

  /** {@code out = level + (source - level) * w/256}. */
  private static void fade(byte[] source, int level, int w, byte[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (level + ((((source[i] & 255) - level) * w + 128) >> 8));
    }
  }

  /** The incoming picture is uncovered from the right edge towards the left. */
  private static void wipe(byte[] a, byte[] b, int width, int height, double p, byte[] out) {
    double feather = Math.max(1, WIPE_FEATHER * width);
    // The edge travels from beyond the right side to beyond the left, feather included.
    double edge = width + feather / 2 - p * (width + feather);
    int[] weights = new int[width];
    for (int x = 0; x < width; x++) {
      double t = (x + 0.5 - (edge - feather / 2)) / feather;
      weights[x] = weight(t);
    }
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        int i = row + x;
        int from = a[i] & 255;
        out[i] = (byte) (from + ((((b[i] & 255) - from) * weights[x] + 128) >> 8));
      }
    }
  }

  /** The incoming picture pushes the outgoing one out to the left, moving by sub-pixels. */
  private static void slide(byte[] a, byte[] b, int width, int height, double p, byte[] out) {
    double shift = p * width;
    int whole = (int) Math.floor(shift);
    int fraction = (int) Math.round((shift - whole) * 256);
    if (fraction == 256) {
      whole++;
      fraction = 0;
    }
    // Output x shows the strip [a | b] at position x + shift, interpolated between pixels.
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        int s = x + whole;
        int left = strip(a, b, row, width, s);
        int right = strip(a, b, row, width, s + 1);
        out[row + x] = (byte) (left + (((right - left) * fraction + 128) >> 8));
      }
    }
  }

  private static int strip(byte[] a, byte[] b, int row, int width, int s) {
    if (s < width) {
      return a[row + s] & 255;
    }
    return b[row + Math.min(width - 1, s - width)] & 255;
  }
}
