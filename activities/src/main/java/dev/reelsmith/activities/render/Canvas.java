package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.CameraMove.Framing;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;

/**
 * The still picture a camera moves over: the reference image laid out at the frame's aspect ratio
 * (PRODUCT.md §7), built once per scene with Java2D and converted once to Y'CbCr planes.
 *
 * <p>{@link Framing#COVER} scales the image to fill the canvas and crops the overflow. {@link
 * Framing#CONTAIN} shows the whole image over a blurred, darkened, scaled-up copy of itself.
 * Transparent pixels show the background colour.
 */
final class Canvas {

  /** How much the backdrop of a contained image is darkened, 0..1. */
  private static final float BACKDROP_SHADE = 0.38f;

  /** The backdrop is blurred at this fraction of the canvas size, then scaled back up. */
  private static final int BACKDROP_REDUCTION = 24;

  private Canvas() {}

  /**
   * Lays out {@code image} on a canvas of {@code width}x{@code height} (even numbers).
   *
   * @return the canvas in Y'CbCr 4:2:0
   */
  static Yuv420Image build(
      BufferedImage image, Framing framing, Color background, int width, int height) {
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = canvas.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, width, height);
    g.setComposite(AlphaComposite.SrcOver);
    if (framing == Framing.CONTAIN) {
      g.drawImage(backdrop(image, width, height), 0, 0, null);
      g.setColor(new Color(0f, 0f, 0f, BACKDROP_SHADE));
      g.fillRect(0, 0, width, height);
      drawFitted(g, image, width, height, false);
    } else {
      drawFitted(g, image, width, height, true);
    }
    g.dispose();
    return Yuv420Image.fromRgb(canvas);
  }

  /** Draws the image centred, scaled to cover (crop) or to be contained (letterbox). */
  private static void drawFitted(
      Graphics2D g, BufferedImage image, int width, int height, boolean cover) {
    double sx = (double) width / image.getWidth();
    double sy = (double) height / image.getHeight();
    double scale = cover ? Math.max(sx, sy) : Math.min(sx, sy);
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    g.drawImage(Images.resize(image, w, h), (width - w) / 2, (height - h) / 2, null);
  }

  /** A soft, out-of-focus fill made of the image itself: tiny, blurred, then scaled up. */
  private static BufferedImage backdrop(BufferedImage image, int width, int height) {
    int smallW = Math.max(4, width / BACKDROP_REDUCTION);
    int smallH = Math.max(4, height / BACKDROP_REDUCTION);
    BufferedImage small = new BufferedImage(smallW, smallH, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = small.createGraphics();
    drawFitted(g, image, smallW, smallH, true);
    g.dispose();
    float[] box = new float[9];
    java.util.Arrays.fill(box, 1f / 9);
    ConvolveOp blur = new ConvolveOp(new Kernel(3, 3, box), ConvolveOp.EDGE_NO_OP, null);
    BufferedImage blurred = blur.filter(blur.filter(small, null), null);
    BufferedImage big = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D bg = big.createGraphics();
    bg.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    // Drawn one pixel larger on each side so that the edge pixels do not smear into a frame.
    int padX = width / smallW;
    int padY = height / smallH;
    bg.drawImage(blurred, -padX, -padY, width + 2 * padX, height + 2 * padY, null);
    bg.dispose();
    return big;
  }
}
