package dev.reelsmith.activities.render;

/**
 * Bilinear resampling of one 8-bit plane under a moving window, in 8-bit fixed point (1/256 pixel
 * steps: far below what an eye can see as jitter, and no per-pixel floating point).
 *
 * <p>Separable: for each output row, the two source rows it falls between are first blended
 * vertically (a straight, vectorisable pass over contiguous bytes), then that line is sampled
 * horizontally with a column mapping computed once per frame. One instance per plane size and
 * thread.
 */
final class PlaneSampler {

  private final int targetWidth;
  private final int targetHeight;
  private final int[] columnIndex;
  private final int[] columnWeight;
  private int[] line = new int[0];

  PlaneSampler(int targetWidth, int targetHeight) {
    this.targetWidth = targetWidth;
    this.targetHeight = targetHeight;
    this.columnIndex = new int[targetWidth];
    this.columnWeight = new int[targetWidth];
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
    if (line.length < sourceWidth) {
      line = new int[sourceWidth];
    }
    double stepX = width / targetWidth;
    double stepY = height / targetHeight;
    int[] index = columnIndex;
    int[] weight = columnWeight;
    for (int x = 0; x < targetWidth; x++) {
      int fixed = toFixed(left + (x + 0.5) * stepX - 0.5, sourceWidth);
      index[x] = fixed >> 8;
      weight[x] = fixed & 255;
      if (index[x] >= sourceWidth - 1) {
        index[x] = sourceWidth - 2;
        weight[x] = 256;
      }
    }
    int from = index[0];
    int to = index[targetWidth - 1] + 2;
    int[] blended = line;
    for (int y = 0; y < targetHeight; y++) {
      int fixed = toFixed(top + (y + 0.5) * stepY - 0.5, sourceHeight);
      int row = fixed >> 8;
      int fy = fixed & 255;
      if (row >= sourceHeight - 1) {
        row = sourceHeight - 2;
        fy = 256;
      }
      blendRows(source, row * sourceWidth, (row + 1) * sourceWidth, fy, from, to, blended);
      int out = y * targetWidth;
      for (int x = 0; x < targetWidth; x++) {
        int i = index[x];
        int p = blended[i];
        target[out + x] = (byte) (((p << 8) + (blended[i + 1] - p) * weight[x] + 32768) >> 16);
      }
    }
  }

  /** {@code line[x] = 256 * lerp(row0[x], row1[x], fy / 256)} for x in [from, to). */
  private static void blendRows(
      byte[] source, int row0, int row1, int fy, int from, int to, int[] line) {
    int keep = 256 - fy;
    for (int x = from; x < to; x++) {
      line[x] = (source[row0 + x] & 255) * keep + (source[row1 + x] & 255) * fy;
    }
  }

  /** A source coordinate in 24.8 fixed point, clamped to the plane. */
  private static int toFixed(double coordinate, int size) {
    double clamped = Math.max(0, Math.min(size - 1, coordinate));
    return (int) Math.round(clamped * 256);
  }
}
