package dev.reelsmith.activities.images;

import dev.reelsmith.workflows.messages.Region;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Where the subject of a product photo most likely is, for camera moves to frame on.
 *
 * <p>A product shot usually puts a distinct object on a plainer surround, so a cell is salient when
 * its colour differs from the border in every direction (left, right, above and below it) and when
 * it has local detail (edge energy), with a mild pull toward the centre. The strongest connected
 * blob above an adaptive threshold (and any blob nearly as strong) gives the region. Flat images
 * get a centred region. For cut-outs the opaque pixels are the subject, so their bounding box is
 * the region.
 */
final class Saliency {

  /** The region used when nothing stands out: the centre, as a photographer would frame it. */
  static final Region CENTRE = new Region(0.2, 0.2, 0.6, 0.6);

  /** A colour difference that counts as fully distinct (CIE76). */
  private static final double DISTINCT_DELTA_E = 25;

  /** Edge energy (Lab L units per cell) that counts as fully detailed. */
  private static final double DETAILED_EDGE = 24;

  private static final double MIN_SIDE = 0.12;
  private static final double PADDING = 0.03;

  private Saliency() {}

  /** The bounding box of pixels at least half opaque; {@link Region#FULL} if there are none. */
  static Region opaqueBox(BufferedImage argb) {
    int w = argb.getWidth();
    int h = argb.getHeight();
    int[] pixels = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
    int minX = w;
    int minY = h;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < h; y++) {
      int offset = y * w;
      for (int x = 0; x < w; x++) {
        if ((pixels[offset + x] >>> 24) >= 128) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (maxX < 0) {
      return Region.FULL;
    }
    return new Region(
        (double) minX / w,
        (double) minY / h,
        (double) (maxX - minX + 1) / w,
        (double) (maxY - minY + 1) / h);
  }

  /** The salient region of an opaque image, from its grid. */
  static Region salient(Grid grid) {
    int gw = grid.width;
    int gh = grid.height;
    int cells = gw * gh;
    double[][] lab = new double[cells][];
    for (int i = 0; i < cells; i++) {
      lab[i] = Colors.lab(grid.rgb[i]);
    }
    double[] distinct = distinctness(lab, gw, gh);
    double[] edges =
        blur(edgeEnergy(lab, gw, gh), gw, gh, Math.max(1, Math.round(0.03f * Math.max(gw, gh))));
    double[] score = new double[cells];
    double max = 0;
    double sum = 0;
    for (int y = 0; y < gh; y++) {
      for (int x = 0; x < gw; x++) {
        int i = y * gw + x;
        double dx = (x + 0.5) / gw - 0.5;
        double dy = (y + 0.5) / gh - 0.5;
        double centreBias = 0.7 + 0.3 * Math.exp(-(dx * dx + dy * dy) / (2 * 0.3 * 0.3));
        double detail = Math.min(1, edges[i] / DETAILED_EDGE);
        score[i] = (0.65 * distinct[i] + 0.35 * detail) * centreBias;
        max = Math.max(max, score[i]);
        sum += score[i];
      }
    }
    double mean = sum / cells;
    if (max < 0.2 || max - mean < 0.08) {
      return CENTRE;
    }
    double threshold = mean + 0.3 * (max - mean);
    return blobs(score, threshold, gw, gh);
  }

  /**
   * How far each cell's colour is from the surround, 0..1: the smallest colour difference to the
   * border straight left, right, above and below it (each the mean of the outer ring there). A
   * backdrop that changes across the frame (a gradient sky, a table top) stays close to the border
   * in its own row or column; a subject differs from all four.
   */
  private static double[] distinctness(double[][] lab, int gw, int gh) {
    int ring = Math.max(1, Math.round(0.06f * Math.min(gw, gh)));
    double[][] left = new double[gh][];
    double[][] right = new double[gh][];
    double[][] top = new double[gw][];
    double[][] bottom = new double[gw][];
    for (int y = 0; y < gh; y++) {
      left[y] = mean(lab, gw, 0, Math.min(ring, gw), y, y + 1);
      right[y] = mean(lab, gw, Math.max(0, gw - ring), gw, y, y + 1);
    }
    for (int x = 0; x < gw; x++) {
      top[x] = mean(lab, gw, x, x + 1, 0, Math.min(ring, gh));
      bottom[x] = mean(lab, gw, x, x + 1, Math.max(0, gh - ring), gh);
    }
    double[] distinct = new double[gw * gh];
    for (int y = 0; y < gh; y++) {
      for (int x = 0; x < gw; x++) {
        double[] c = lab[y * gw + x];
        double d =
            Math.min(
                Math.min(Colors.deltaE(c, left[y]), Colors.deltaE(c, right[y])),
                Math.min(Colors.deltaE(c, top[x]), Colors.deltaE(c, bottom[x])));
        distinct[y * gw + x] = Math.min(1, d / DISTINCT_DELTA_E);
      }
    }
    return distinct;
  }

  private static double[] mean(double[][] lab, int gw, int x0, int x1, int y0, int y1) {
    double[] sum = new double[3];
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        for (int d = 0; d < 3; d++) {
          sum[d] += lab[y * gw + x][d];
        }
        n++;
      }
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  /** Sobel gradient magnitude of lightness. */
  private static double[] edgeEnergy(double[][] lab, int gw, int gh) {
    double[] energy = new double[gw * gh];
    for (int y = 0; y < gh; y++) {
      for (int x = 0; x < gw; x++) {
        double gx =
            l(lab, gw, gh, x + 1, y - 1)
                + 2 * l(lab, gw, gh, x + 1, y)
                + l(lab, gw, gh, x + 1, y + 1)
                - l(lab, gw, gh, x - 1, y - 1)
                - 2 * l(lab, gw, gh, x - 1, y)
                - l(lab, gw, gh, x - 1, y + 1);
        double gy =
            l(lab, gw, gh, x - 1, y + 1)
                + 2 * l(lab, gw, gh, x, y + 1)
                + l(lab, gw, gh, x + 1, y + 1)
                - l(lab, gw, gh, x - 1, y - 1)
                - 2 * l(lab, gw, gh, x, y - 1)
                - l(lab, gw, gh, x + 1, y - 1);
        energy[y * gw + x] = Math.hypot(gx, gy) / 4;
      }
    }
    return energy;
  }

  private static double l(double[][] lab, int gw, int gh, int x, int y) {
    int cx = Math.max(0, Math.min(gw - 1, x));
    int cy = Math.max(0, Math.min(gh - 1, y));
    return lab[cy * gw + cx][0];
  }

  /** Box blur of the given radius, clamped at the edges. */
  private static double[] blur(double[] values, int gw, int gh, int radius) {
    double[] horizontal = new double[values.length];
    for (int y = 0; y < gh; y++) {
      for (int x = 0; x < gw; x++) {
        double sum = 0;
        int n = 0;
        for (int k = Math.max(0, x - radius); k <= Math.min(gw - 1, x + radius); k++) {
          sum += values[y * gw + k];
          n++;
        }
        horizontal[y * gw + x] = sum / n;
      }
    }
    double[] result = new double[values.length];
    for (int y = 0; y < gh; y++) {
      for (int x = 0; x < gw; x++) {
        double sum = 0;
        int n = 0;
        for (int k = Math.max(0, y - radius); k <= Math.min(gh - 1, y + radius); k++) {
          sum += horizontal[k * gw + x];
          n++;
        }
        result[y * gw + x] = sum / n;
      }
    }
    return result;
  }

  /**
   * The bounding box of the strongest 4-connected blob above the threshold, joined with every blob
   * at least half as strong, padded a little and never thinner than {@link #MIN_SIDE}.
   */
  private static Region blobs(double[] score, double threshold, int gw, int gh) {
    int cells = score.length;
    int[] label = new int[cells];
    Arrays.fill(label, -1);
    int labels = 0;
    double[] mass = new double[cells];
    int[][] boxes = new int[cells][];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < cells; start++) {
      if (label[start] >= 0 || score[start] <= threshold) {
        continue;
      }
      int id = labels++;
      int[] box = {gw, gh, -1, -1};
      label[start] = id;
      queue.add(start);
      while (!queue.isEmpty()) {
        int cell = queue.poll();
        int x = cell % gw;
        int y = cell / gw;
        mass[id] += score[cell] - threshold;
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
        int[] neighbours = {
          x > 0 ? cell - 1 : -1,
          x < gw - 1 ? cell + 1 : -1,
          y > 0 ? cell - gw : -1,
          y < gh - 1 ? cell + gw : -1
        };
        for (int next : neighbours) {
          if (next >= 0 && label[next] < 0 && score[next] > threshold) {
            label[next] = id;
            queue.add(next);
          }
        }
      }
      boxes[id] = box;
    }
    if (labels == 0) {
      return CENTRE;
    }
    double strongest = 0;
    for (int id = 0; id < labels; id++) {
      strongest = Math.max(strongest, mass[id]);
    }
    int minX = gw;
    int minY = gh;
    int maxX = -1;
    int maxY = -1;
    for (int id = 0; id < labels; id++) {
      if (mass[id] >= strongest * 0.5) {
        minX = Math.min(minX, boxes[id][0]);
        minY = Math.min(minY, boxes[id][1]);
        maxX = Math.max(maxX, boxes[id][2]);
        maxY = Math.max(maxY, boxes[id][3]);
      }
    }
    double x0 = (double) minX / gw - PADDING;
    double y0 = (double) minY / gh - PADDING;
    double x1 = (double) (maxX + 1) / gw + PADDING;
    double y1 = (double) (maxY + 1) / gh + PADDING;
    double[] xs = atLeast(x0, x1);
    double[] ys = atLeast(y0, y1);
    return new Region(xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0]);
  }

  /** An interval inside 0..1, widened around its middle to at least {@link #MIN_SIDE}. */
  private static double[] atLeast(double from, double to) {
    double lo = Math.max(0, from);
    double hi = Math.min(1, to);
    if (hi - lo < MIN_SIDE) {
      double middle = (lo + hi) / 2;
      lo = Math.max(0, Math.min(1 - MIN_SIDE, middle - MIN_SIDE / 2));
      hi = lo + MIN_SIDE;
    }
    return new double[] {lo, hi};
  }
}
