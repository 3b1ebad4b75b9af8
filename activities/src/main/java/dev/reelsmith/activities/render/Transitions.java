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
    int start = (int) Math.max(0, Math.min(width, Math.floor(edge - feather / 2)));
    int end = (int) Math.max(start, Math.min(width, Math.ceil(edge + feather / 2)));
    int[] weights = new int[end - start];
    for (int x = start; x < end; x++) {
      weights[x - start] = weight((x + 0.5 - (edge - feather / 2)) / feather);
    }
    for (int y = 0; y < height; y++) {
      int row = y * width;
      System.arraycopy(a, row, out, row, start);
      for (int x = start; x < end; x++) {
        int i = row + x;
        int from = a[i] & 255;
        out[i] = (byte) (from + ((((b[i] & 255) - from) * weights[x - start] + 128) >> 8));
      }
      System.arraycopy(b, row + end, out, row + end, width - end);
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
    int keep = 256 - fraction;
    // Output x shows the strip [a | b] at position x + shift, interpolated between pixels.
    int seam = width - whole - 1;
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < seam; x++) {
        int i = row + x + whole;
        out[row + x] = (byte) (((a[i] & 255) * keep + (a[i + 1] & 255) * fraction + 128) >> 8);
      }
      if (seam >= 0) {
        int left = a[row + width - 1] & 255;
        int right = b[row] & 255;
        out[row + seam] = (byte) ((left * keep + right * fraction + 128) >> 8);
      }
      for (int x = Math.max(0, seam + 1); x < width; x++) {
        int s = row + x + whole - width;
        int right = b[Math.min(row + width - 1, s + 1)] & 255;
        out[row + x] = (byte) (((b[s] & 255) * keep + right * fraction + 128) >> 8);
      }
    }
  }
}
