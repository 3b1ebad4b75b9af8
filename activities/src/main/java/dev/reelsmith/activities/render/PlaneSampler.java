package dev.reelsmith.activities.render;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bilinear resampling of one 8-bit plane under a moving window, in 8-bit fixed point (positions in
 * 1/256 pixel steps: far below what an eye can see as jitter, and no per-pixel floating point).
 *
 * <p>Separable, vertical pass first: for each output row the two source rows it falls between are
 * blended into a line buffer, eight pixels at a time in one {@code long} (four 16-bit lanes for the
 * even bytes, four for the odd ones; a lane never overflows because the two weights add up to 256).
 * The horizontal pass then samples two such lines at once with a column mapping computed once per
 * frame. One instance per plane size and thread.
 */
final class PlaneSampler {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_BYTES = 0x00FF00FF00FF00FFL;
  private static final long HALF = 0x0080008000800080L;

  private final int targetWidth;
  private final int targetHeight;

  /** Per output column: the left source column (bits 9 and up) and its neighbour's weight. */
  private final int[] columns;

  private byte[] upper = new byte[0];
  private byte[] lower = new byte[0];

  PlaneSampler(int targetWidth, int targetHeight) {
    this.targetWidth = targetWidth;
    this.targetHeight = targetHeight;
    this.columns = new int[targetWidth];
  }

  /**
   * Fills {@code target} with the window of {@code source} whose top-left corner is ({@code left},
   * {@code top}) and whose size is {@code width}x{@code height}, all in source pixels.
   */
  void sample(
      byte[] source,
      int sourceWidth,
      int sourceHeight,
      double left,
      double top,
      double width,
      double height,
      byte[] target) {
    if (upper.length < sourceWidth) {
      upper = new byte[sourceWidth];
      lower = new byte[sourceWidth];
    }
    double stepX = width / targetWidth;
    double stepY = height / targetHeight;
    int[] cols = columns;
    for (int x = 0; x < targetWidth; x++) {
      int fixed = toFixed(left + (x + 0.5) * stepX - 0.5, sourceWidth);
      int index = fixed >> 8;
      int weight = fixed & 255;
      if (index >= sourceWidth - 1) {
        index = sourceWidth - 2;
        weight = 256;
      }
      cols[x] = (index << 9) | weight;
    }
    int from = cols[0] >>> 9;
    int to = (cols[targetWidth - 1] >>> 9) + 2;
    byte[] a = upper;
    byte[] b = lower;
    int y = 0;
    for (; y + 1 < targetHeight; y += 2) {
      blendRows(source, sourceWidth, sourceHeight, top + (y + 0.5) * stepY - 0.5, from, to, a);
      blendRows(source, sourceWidth, sourceHeight, top + (y + 1.5) * stepY - 0.5, from, to, b);
      int out = y * targetWidth;
      int next = out + targetWidth;
      for (int x = 0; x < targetWidth; x++) {
        int column = cols[x];
        int i = column >>> 9;
        int w = column & 511;
        int keep = 256 - w;
        target[out + x] = (byte) (((a[i] & 255) * keep + (a[i + 1] & 255) * w + 128) >> 8);
        target[next + x] = (byte) (((b[i] & 255) * keep + (b[i + 1] & 255) * w + 128) >> 8);
      }
    }
    if (y < targetHeight) {
      blendRows(source, sourceWidth, sourceHeight, top + (y + 0.5) * stepY - 0.5, from, to, a);
      int out = y * targetWidth;
      for (int x = 0; x < targetWidth; x++) {
        int column = cols[x];
        int i = column >>> 9;
        int w = column & 511;
        target[out + x] = (byte) (((a[i] & 255) * (256 - w) + (a[i + 1] & 255) * w + 128) >> 8);
      }
    }
  }

  /** Blends the two source rows around {@code sourceY} into {@code line}, columns [from, to). */
  private static void blendRows(
      byte[] source, int width, int height, double sourceY, int from, int to, byte[] line) {
    int fixed = toFixed(sourceY, height);
    int row = fixed >> 8;
    int fy = fixed & 255;
    if (row >= height - 1) {
      row = height - 2;
      fy = 256;
    }
    int row0 = row * width;
    int row1 = row0 + width;
    int keep = 256 - fy;
    int x = from;
    for (; x + 8 <= to; x += 8) {
      long a = (long) LONGS.get(source, row0 + x);
      long b = (long) LONGS.get(source, row1 + x);
      long even = (((a & LOW_BYTES) * keep + (b & LOW_BYTES) * fy + HALF) >>> 8) & LOW_BYTES;
      long odd =
          ((((a >>> 8) & LOW_BYTES) * keep + ((b >>> 8) & LOW_BYTES) * fy + HALF) >>> 8)
              & LOW_BYTES;
      LONGS.set(line, x, even | (odd << 8));
    }
    for (; x < to; x++) {
      line[x] =
          (byte) (((source[row0 + x] & 255) * keep + (source[row1 + x] & 255) * fy + 128) >> 8);
    }
  }

  /** A source coordinate in 24.8 fixed point, clamped to the plane. */
  private static int toFixed(double coordinate, int size) {
    double clamped = Math.max(0, Math.min(size - 1, coordinate));
    return (int) Math.round(clamped * 256);
  }
}
