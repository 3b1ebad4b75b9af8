package dev.reelsmith.activities.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * An image averaged down to at most {@link #MAX_SIDE} cells on its long side: what palette and
 * saliency need, at a cost independent of the photo's size. Cell colours are alpha-weighted, so
 * transparent pixels lend them nothing.
 */
final class Grid {

  static final int MAX_SIDE = 160;

  final int width;
  final int height;

  /** Packed sRGB per cell; black where a cell is fully transparent. */
  final int[] rgb;

  /** Mean alpha per cell, 0..1. */
  final double[] coverage;

  private Grid(int width, int height, int[] rgb, double[] coverage) {
    this.width = width;
    this.height = height;
    this.rgb = rgb;
    this.coverage = coverage;
  }

  /** Box-averages a packed sRGB image ({@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}). */
  static Grid of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(w, h));
    int gw = Math.max(1, (int) Math.round(w * scale));
    int gh = Math.max(1, (int) Math.round(h * scale));
    boolean alpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int cells = gw * gh;
    double[] r = new double[cells];
    double[] g = new double[cells];
    double[] b = new double[cells];
    double[] a = new double[cells];
    int[] count = new int[cells];
    int[] column = new int[w];
    for (int x = 0; x < w; x++) {
      column[x] = (int) ((long) x * gw / w);
    }
    for (int y = 0; y < h; y++) {
      int rowCell = (int) ((long) y * gh / h) * gw;
      int offset = y * w;
      for (int x = 0; x < w; x++) {
        int p = pixels[offset + x];
        int cell = rowCell + column[x];
        double weight = alpha ? (p >>> 24) / 255.0 : 1.0;
        r[cell] += weight * ((p >> 16) & 0xFF);
        g[cell] += weight * ((p >> 8) & 0xFF);
        b[cell] += weight * (p & 0xFF);
        a[cell] += weight;
        count[cell]++;
      }
    }
    int[] rgb = new int[cells];
    double[] coverage = new double[cells];
    for (int i = 0; i < cells; i++) {
      if (a[i] > 0) {
        rgb[i] =
            Colors.rgb(
                (int) Math.round(r[i] / a[i]),
                (int) Math.round(g[i] / a[i]),
                (int) Math.round(b[i] / a[i]));
      }
      coverage[i] = count[i] == 0 ? 0 : a[i] / count[i];
    }
    return new Grid(gw, gh, rgb, coverage);
  }
}
