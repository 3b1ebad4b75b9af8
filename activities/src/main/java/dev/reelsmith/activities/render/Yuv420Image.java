package dev.reelsmith.activities.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A picture in the encoder's own layout: 8-bit planar Y'CbCr 4:2:0, BT.709, limited range. Frames
 * are built, blended and sampled in this form so that no per-frame colour conversion is needed.
 *
 * <p>Width and height are even; the chroma planes are half as wide and half as high.
 */
final class Yuv420Image {

  final int width;
  final int height;
  final int chromaWidth;
  final int chromaHeight;
  final byte[] y;
  final byte[] u;
  final byte[] v;

  Yuv420Image(int width, int height) {
    if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("frame size must be even: " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.chromaWidth = width / 2;
    this.chromaHeight = height / 2;
    this.y = new byte[width * height];
    this.u = new byte[chromaWidth * chromaHeight];
    this.v = new byte[chromaWidth * chromaHeight];
  }

  /**
   * Converts an opaque picture; its size must be even. An opaque {@code TYPE_INT_ARGB_PRE} picture
   * (a canvas) is read as it is: with alpha 255 its premultiplied colours are the colours.
   */
  static Yuv420Image fromRgb(BufferedImage image) {
    BufferedImage rgb =
        image.getType() == BufferedImage.TYPE_INT_ARGB_PRE ? image : Images.toIntRgb(image);
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    Yuv420Image out = new Yuv420Image(w, h);
    for (int i = 0; i < pixels.length; i++) {
      int p = pixels[i];
      out.y[i] = (byte) Colors.luma((p >> 16) & 255, (p >> 8) & 255, p & 255);
    }
    int cw = out.chromaWidth;
    for (int cy = 0; cy < out.chromaHeight; cy++) {
      int row = 2 * cy * w;
      for (int cx = 0; cx < cw; cx++) {
        int i = row + 2 * cx;
        int p00 = pixels[i];
        int p01 = pixels[i + 1];
        int p10 = pixels[i + w];
        int p11 = pixels[i + w + 1];
        int r =
            ((p00 >> 16) & 255) + ((p01 >> 16) & 255) + ((p10 >> 16) & 255) + ((p11 >> 16) & 255);
        int g = ((p00 >> 8) & 255) + ((p01 >> 8) & 255) + ((p10 >> 8) & 255) + ((p11 >> 8) & 255);
        int b = (p00 & 255) + (p01 & 255) + (p10 & 255) + (p11 & 255);
        out.u[cy * cw + cx] = (byte) Colors.cb((r + 2) >> 2, (g + 2) >> 2, (b + 2) >> 2);
        out.v[cy * cw + cx] = (byte) Colors.cr((r + 2) >> 2, (g + 2) >> 2, (b + 2) >> 2);
      }
    }
    return out;
  }

  /** Converts back to RGB, for posters. */
  BufferedImage toRgb() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int row = 0; row < height; row++) {
      int crow = (row >> 1) * chromaWidth;
      for (int col = 0; col < width; col++) {
        int c = crow + (col >> 1);
        pixels[row * width + col] = Colors.rgb(y[row * width + col] & 255, u[c] & 255, v[c] & 255);
      }
    }
    return image;
  }

  /** Fills the picture with one RGB colour. */
  void fill(int rgb) {
    int r = (rgb >> 16) & 255;
    int g = (rgb >> 8) & 255;
    int b = rgb & 255;
    java.util.Arrays.fill(y, (byte) Colors.luma(r, g, b));
    java.util.Arrays.fill(u, (byte) Colors.cb(r, g, b));
    java.util.Arrays.fill(v, (byte) Colors.cr(r, g, b));
  }

  void copyFrom(Yuv420Image other) {
    if (other.width != width || other.height != height) {
      throw new IllegalArgumentException("size differs");
    }
    System.arraycopy(other.y, 0, y, 0, y.length);
    System.arraycopy(other.u, 0, u, 0, u.length);
    System.arraycopy(other.v, 0, v, 0, v.length);
  }
}
