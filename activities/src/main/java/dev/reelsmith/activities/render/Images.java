package dev.reelsmith.activities.render;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Java2D chores: good-quality resizing, pixel-format normalisation and JPEG posters. */
final class Images {

  private static final float POSTER_QUALITY = 0.88f;

  private Images() {}

  /** The picture as {@code TYPE_INT_RGB} (alpha dropped), copying only when needed. */
  static BufferedImage toIntRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return rgb;
  }

  /** The picture as {@code TYPE_INT_ARGB_PRE}, the format Java2D composites fastest. */
  static BufferedImage toArgbPre(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_ARGB_PRE) {
      return image;
    }
    BufferedImage argb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = argb.createGraphics();
    g.setComposite(AlphaComposite.Src);
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return argb;
  }

  /**
   * Resizes with area-like quality: halves repeatedly while the picture is more than twice the
   * target (a single bilinear step would skip pixels and alias), then finishes with one bilinear
   * step when shrinking (less than 2:1, where bilinear is as good and Java2D's bicubic loops are
   * several times slower) or a bicubic one when enlarging.
   */
  static BufferedImage resize(BufferedImage source, int width, int height) {
    BufferedImage current = toArgbPre(source);
    int w = current.getWidth();
    int h = current.getHeight();
    while (w / 2 >= width && h / 2 >= height) {
      w = Math.max(width, w / 2);
      h = Math.max(height, h / 2);
      current = draw(current, w, h, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    }
    if (w == width && h == height) {
      return current;
    }
    boolean shrinking = width <= w && height <= h;
    return draw(
        current,
        width,
        height,
        shrinking
            ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
            : RenderingHints.VALUE_INTERPOLATION_BICUBIC);
  }

  private static BufferedImage draw(BufferedImage source, int width, int height, Object quality) {
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = target.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, quality);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setComposite(AlphaComposite.Src);
    g.drawImage(source, 0, 0, width, height, null);
    g.dispose();
    return target;
  }

  /** Writes a baseline JPEG of good quality. */
  static void writeJpeg(BufferedImage image, Path file) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no JPEG writer on the class path");
    }
    ImageWriter writer = writers.next();
    try (OutputStream stream = Files.newOutputStream(file);
        ImageOutputStream out = ImageIO.createImageOutputStream(stream)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(POSTER_QUALITY);
      writer.setOutput(out);
      writer.write(null, new IIOImage(toIntRgb(image), null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
