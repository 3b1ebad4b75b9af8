package dev.reelsmith.activities.render;

import java.awt.Color;

/**
 * Colour values for frames: {@code #RRGGBB} as AWT colours (the text form is {@link
 * dev.reelsmith.activities.images.Colors}'s) and the BT.709 limited-range Y'CbCr conversion that
 * every frame, canvas and poster uses (the encoder signals the same matrix in the stream).
 */
final class Colors {

  private Colors() {}

  /** Parses {@code #RRGGBB}; anything else is a caller's mistake and says so. */
  static Color parse(String hex, String what) {
    if (!isHex(hex)) {
      throw new IllegalArgumentException(what + " must be a #RRGGBB colour, not " + hex);
    }
    return new Color(dev.reelsmith.activities.images.Colors.parse(hex));
  }

  static boolean isHex(String hex) {
    return dev.reelsmith.activities.images.Colors.isHex(hex);
  }

  static String hex(Color color) {
    return dev.reelsmith.activities.images.Colors.hex(color.getRGB());
  }

  // Fixed-point BT.709 coefficients scaled by 2^16, limited range (Y 16..235, C 16..240).
  private static final int YR = 11966; // 0.2126 * 219/255 * 65536
  private static final int YG = 40254; // 0.7152 * 219/255 * 65536
  private static final int YB = 4064; // 0.0722 * 219/255 * 65536
  private static final int UR = -6596; // -0.114572 * 224/255 * 65536
  private static final int UG = -22189; // -0.385428 * 224/255 * 65536
  private static final int UB = 28784; // 0.5 * 224/255 * 65536
  private static final int VR = 28784;
  private static final int VG = -26145; // -0.454153 * 224/255 * 65536
  private static final int VB = -2639; // -0.045847 * 224/255 * 65536

  static int luma(int r, int g, int b) {
    return 16 + ((YR * r + YG * g + YB * b + 32768) >> 16);
  }

  static int cb(int r, int g, int b) {
    return 128 + ((UR * r + UG * g + UB * b + 32768) >> 16);
  }

  static int cr(int r, int g, int b) {
    return 128 + ((VR * r + VG * g + VB * b + 32768) >> 16);
  }

  /** Y'CbCr (limited range) to packed {@code 0xRRGGBB}. */
  static int rgb(int y, int cb, int cr) {
    int c = (y - 16) * 76309; // 1.164383 * 65536
    int d = cb - 128;
    int e = cr - 128;
    int r = clamp((c + 117489 * e + 32768) >> 16); // 1.792741
    int g = clamp((c - 13975 * d - 34925 * e + 32768) >> 16); // 0.213249, 0.532909
    int b = clamp((c + 138438 * d + 32768) >> 16); // 2.112402
    return (r << 16) | (g << 8) | b;
  }

  private static int clamp(int value) {
    return value < 0 ? 0 : Math.min(value, 255);
  }
}
