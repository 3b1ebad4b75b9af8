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
 * its colour differs from the border's colour and when it has local detail (edge energy), with a
 * mild pull toward the centre. The strongest connected blob above an adaptive threshold (and any
 * blob nearly as strong) gives the region. Flat images get a centred region. For cut-outs the
 * opaque pixels are the subject, so their bounding box is the region.
 */
final class Saliency {

  /** The region used when nothing stands out: the centre, as a photographer would frame it. */
  static final Region CENTRE = new Region(0.2, 0.2, 0.6, 0.6);

  /** A colour difference that counts as fully distinct (CIE76). */
  private static final double DISTINCT_DELTA_E = 30;

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
    double[] border = borderColour(lab, gw, gh);
    double[] distinct = new double[cells];
    for (int i = 0; i < cells; i++) {
      distinct[i] = Math.min(1, Colors.deltaE(lab[i], border) / DISTINCT_DELTA_E);
    }
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
    double threshold = mean + 0.45 * (max - mean);
    return blobs(score, threshold, gw, gh);
  }

  /** Median Lab of the outer ring of cells: the surround the subject stands against. */
  private static double[] borderColour(double[][] lab, int gw, int gh) {
    int ring = Math.max(1, Math.round(0.08f * Math.min(gw, gh)));
    int count = 0;
    double[][] channels = new double[3][lab.length];
    for (int y = 0; y < gh; y++) {
      for (int x = 0; x < gw; x++) {
        boolean edge = x < ring || y < ring || x >= gw - ring || y >= gh - ring;
        if (edge) {
          double[] c = lab[y * gw + x];
          for (int d = 0; d < 3; d++) {
            channels[d][count] = c[d];
          }
          count++;
        }
      }
    }
    double[] median = new double[3];
    for (int d = 0; d < 3; d++) {
      double[] values = Arrays.copyOf(channels[d], count);
      Arrays.sort(values);
      median[d] = values[count / 2];
    }
    return median;
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
