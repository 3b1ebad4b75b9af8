package dev.reelsmith.activities.images;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Colour arithmetic on packed 8-bit sRGB values ({@code 0xRRGGBB}): {@code #RRGGBB} text, CIELAB
 * for perceptual distances, WCAG luminance and contrast for legible captions.
 */
public final class Colors {

  private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
  private static final double[] LINEAR = new double[256];

  static {
    for (int i = 0; i < 256; i++) {
      double c = i / 255.0;
      LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
  }

  private Colors() {}

  /** {@code #RRGGBB}, upper case. */
  public static String hex(int rgb) {
    return String.format(Locale.ROOT, "#%06X", rgb & 0xFFFFFF);
  }

  /** Whether {@code text} is a {@code #RRGGBB} colour. */
  public static boolean isHex(String text) {
    return text != null && HEX.matcher(text).matches();
  }

  /** The packed value of a {@code #RRGGBB} colour. */
  public static int parse(String hex) {
    if (!isHex(hex)) {
      throw new IllegalArgumentException("not a #RRGGBB colour: " + hex);
    }
    return Integer.parseInt(hex.substring(1), 16);
  }

  public static int red(int rgb) {
    return (rgb >> 16) & 0xFF;
  }

  public static int green(int rgb) {
    return (rgb >> 8) & 0xFF;
  }

  public static int blue(int rgb) {
    return rgb & 0xFF;
  }

  public static int rgb(int red, int green, int blue) {
    return (clamp(red) << 16) | (clamp(green) << 8) | clamp(blue);
  }

  private static int clamp(int channel) {
    return Math.max(0, Math.min(255, channel));
  }

  /** Rec. 709 luma of the encoded values, 0..1: how bright a colour looks. */
  public static double luma(int rgb) {
    return (0.2126 * red(rgb) + 0.7152 * green(rgb) + 0.0722 * blue(rgb)) / 255.0;
  }

  /** WCAG 2 relative luminance, 0..1. */
  public static double luminance(int rgb) {
    return 0.2126 * LINEAR[red(rgb)] + 0.7152 * LINEAR[green(rgb)] + 0.0722 * LINEAR[blue(rgb)];
  }

  /** WCAG 2 contrast ratio, 1 (none) to 21 (black on white). */
  public static double contrastRatio(int a, int b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** CIELAB (D65) of an sRGB colour: {L 0..100, a, b}. */
  public static double[] lab(int rgb) {
    return lab(red(rgb), green(rgb), blue(rgb));
  }

  static double[] lab(int red, int green, int blue) {
    double r = LINEAR[red];
    double g = LINEAR[green];
    double b = LINEAR[blue];
    double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    double fx = labF(x);
    double fy = labF(y);
    double fz = labF(z);
    return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
  }

  private static double labF(double t) {
    return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }

  /** CIE76 colour difference: about 2 is just noticeable, above 25 clearly another colour. */
  public static double deltaE(double[] lab1, double[] lab2) {
    double dl = lab1[0] - lab2[0];
    double da = lab1[1] - lab2[1];
    double db = lab1[2] - lab2[2];
    return Math.sqrt(dl * dl + da * da + db * db);
  }

  /** Chroma (colourfulness) in LCh, 0 for greys, up to about 130. */
  public static double chroma(int rgb) {
    double[] lab = lab(rgb);
    return Math.hypot(lab[1], lab[2]);
  }

  /** {@code a} blended toward {@code b} by {@code t} (0 gives a, 1 gives b). */
  public static int mix(int a, int b, double t) {
    return rgb(
        (int) Math.round(red(a) + (red(b) - red(a)) * t),
        (int) Math.round(green(a) + (green(b) - green(a)) * t),
        (int) Math.round(blue(a) + (blue(b) - blue(a)) * t));
  }
}
