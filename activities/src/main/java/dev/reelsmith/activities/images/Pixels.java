package dev.reelsmith.activities.images;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

/**
 * Brings decoded images into the one pixel layout the rest of Reelsmith works on: packed 8-bit
 * sRGB, {@code TYPE_INT_ARGB} when the image has an alpha channel and {@code TYPE_INT_RGB} when it
 * has not.
 */
final class Pixels {

  private Pixels() {}

  /** The image as packed sRGB; the same object when it already is, compactly stored. */
  static BufferedImage toSrgb(BufferedImage source) {
    ColorModel model = source.getColorModel();
    int type = model.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    if (source.getType() == type && isCompact(source)) {
      return source;
    }
    ColorSpace space = model.getColorSpace();
    if (space.getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
      return fromGray(source, type);
    }
    BufferedImage target = new BufferedImage(source.getWidth(), source.getHeight(), type);
    if (space.isCS_sRGB()) {
      Graphics2D g = target.createGraphics();
      try {
        g.setComposite(AlphaComposite.Src);
        g.drawImage(source, 0, 0, null);
      } finally {
        g.dispose();
      }
      return target;
    }
    return new ColorConvertOp(ColorSpace.getInstance(ColorSpace.CS_sRGB), null)
        .filter(source, target);
  }

  private static boolean isCompact(BufferedImage image) {
    WritableRaster raster = image.getRaster();
    DataBuffer buffer = raster.getDataBuffer();
    return buffer instanceof DataBufferInt
        && buffer.getOffset() == 0
        && buffer.getSize() == image.getWidth() * image.getHeight()
        && raster.getParent() == null;
  }

  /**
   * Grey pixels taken as sRGB-encoded values, as PNG and JPEG mean them. Java2D's own conversions
   * disagree with each other here (one treats grey as linear light and brightens mid-tones), so the
   * samples are copied by hand.
   */
  private static BufferedImage fromGray(BufferedImage source, int type) {
    int w = source.getWidth();
    int h = source.getHeight();
    WritableRaster raster = source.getRaster();
    ColorModel model = source.getColorModel();
    int bands = raster.getNumBands();
    boolean alpha = model.hasAlpha() && bands > 1;
    double grayScale = 255.0 / ((1L << model.getComponentSize(0)) - 1);
    double alphaScale = alpha ? 255.0 / ((1L << model.getComponentSize(bands - 1)) - 1) : 0;
    BufferedImage target = new BufferedImage(w, h, type);
    int[] out = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
    int[] row = new int[w * bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int x = 0; x < w; x++) {
        int v = (int) Math.round(row[x * bands] * grayScale);
        int a = alpha ? (int) Math.round(row[x * bands + bands - 1] * alphaScale) : 255;
        out[y * w + x] = (a << 24) | (v << 16) | (v << 8) | v;
      }
    }
    return target;
  }

  /**
   * The image scaled down, keeping its aspect, so that its long side is at most {@code maxSide};
   * the same object when it already fits. Halves repeatedly before the last step, so fine detail is
   * averaged rather than skipped.
   */
  static BufferedImage fit(BufferedImage image, int maxSide) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (Math.max(w, h) <= maxSide) {
      return image;
    }
    double scale = (double) maxSide / Math.max(w, h);
    int targetW = Math.max(1, (int) Math.round(w * scale));
    int targetH = Math.max(1, (int) Math.round(h * scale));
    boolean alpha = image.getColorModel().hasAlpha();
    int workType = alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
    BufferedImage current = image;
    while (w / 2 >= targetW && h / 2 >= targetH) {
      w /= 2;
      h /= 2;
      current = resize(current, w, h, workType);
    }
    if (w != targetW || h != targetH) {
      current = resize(current, targetW, targetH, workType);
    }
    return alpha ? resize(current, targetW, targetH, BufferedImage.TYPE_INT_ARGB) : current;
  }

  private static BufferedImage resize(BufferedImage source, int w, int h, int type) {
    BufferedImage target = new BufferedImage(w, h, type);
    Graphics2D g = target.createGraphics();
    try {
      g.setComposite(AlphaComposite.Src);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return target;
  }
}
