package dev.reelsmith.activities.images;

import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Region;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * What the copywriter and the planner need to know about a reference image: its shape, dominant
 * colours, brightness and contrast, where its subject is, and whether it is a cut-out. Works on
 * upright sRGB pixels, as {@link ImageDecoder#decodeUpright} gives them; the same pixels always
 * give the same analysis.
 */
public final class ImageAnalyzer {

  /** Luma statistics read at most this many pixels; more would change the third decimal only. */
  private static final long MAX_LUMA_SAMPLES = 1_000_000;

  /**
   * Share of pixels that must be less than half opaque for an image to count as a cut-out: a few
   * soft corners or an anti-aliased edge are not meaningful alpha.
   */
  private static final double TRANSPARENT_SHARE = 0.01;

  /** Analyses an image whose original dimensions are its own. */
  public ImageAnalysis analyze(int index, String normalized, BufferedImage upright) {
    return analyze(index, normalized, upright, upright.getWidth(), upright.getHeight());
  }

  /**
   * Analyses an upright image, perhaps a scaled-down copy of the original.
   *
   * @param width upright width of the original, reported as is
   * @param height upright height of the original, reported as is
   */
  public ImageAnalysis analyze(
      int index, String normalized, BufferedImage upright, int width, int height) {
    BufferedImage image = Pixels.toSrgb(upright);
    boolean transparent = isCutOut(image);
    double[] luma = lumaStatistics(image);
    Grid grid = Grid.of(image);
    List<String> palette = PaletteExtractor.palette(grid);
    Region salient = transparent ? Saliency.opaqueBox(image) : Saliency.salient(grid);
    return new ImageAnalysis(
        index,
        normalized,
        width,
        height,
        ImageAnalysis.Orientation.of(width, height),
        palette,
        round(luma[0], 1000),
        round(luma[1], 1000),
        rounded(salient),
        transparent);
  }

  private static boolean isCutOut(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_INT_ARGB) {
      return false;
    }
    int[] pixels = pixels(image);
    long clear = 0;
    for (int p : pixels) {
      if ((p >>> 24) < 128) {
        clear++;
      }
    }
    return clear > 0 && clear >= TRANSPARENT_SHARE * pixels.length;
  }

  /** Alpha-weighted mean and spread of luma: {brightness, contrast}, both 0..1. */
  private static double[] lumaStatistics(BufferedImage image) {
    int[] pixels = pixels(image);
    boolean alpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
    int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) pixels.length / MAX_LUMA_SAMPLES)));
    int w = image.getWidth();
    int h = image.getHeight();
    double weightSum = 0;
    double sum = 0;
    double squares = 0;
    for (int y = 0; y < h; y += step) {
      for (int x = 0; x < w; x += step) {
        int p = pixels[y * w + x];
        double weight = alpha ? (p >>> 24) / 255.0 : 1;
        double luma = Colors.luma(p);
        weightSum += weight;
        sum += weight * luma;
        squares += weight * luma * luma;
      }
    }
    if (weightSum == 0) {
      return new double[] {0, 0};
    }
    double mean = sum / weightSum;
    double variance = Math.max(0, squares / weightSum - mean * mean);
    // The largest possible spread of values in 0..1 is 0.5 (half black, half white).
    return new double[] {mean, Math.min(1, 2 * Math.sqrt(variance))};
  }

  private static int[] pixels(BufferedImage image) {
    return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
  }

  private static Region rounded(Region region) {
    double x = round(region.x(), 10_000);
    double y = round(region.y(), 10_000);
    double w = Math.min(1 - x, round(region.width(), 10_000));
    double h = Math.min(1 - y, round(region.height(), 10_000));
    return new Region(x, y, w, h);
  }

  private static double round(double value, double scale) {
    return Math.round(value * scale) / scale;
  }
}
