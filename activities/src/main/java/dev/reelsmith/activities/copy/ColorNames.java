package dev.reelsmith.activities.copy;

import dev.reelsmith.activities.images.Colors;

/** Plain-English names for colours, as a copywriter or an art director would say them. */
final class ColorNames {

  private ColorNames() {}

  /** A name such as "orange", "navy", "slate blue" or "charcoal". */
  static String name(int rgb) {
    float[] hsl = hsl(rgb);
    double hue = hsl[0];
    double saturation = hsl[1];
    double lightness = hsl[2];
    if (saturation < 0.1 || Colors.chroma(rgb) < 6) {
      return grey(lightness);
    }
    if (saturation < 0.3 && lightness > 0.2 && lightness < 0.85) {
      if (hue >= 190 && hue < 260) {
        return "slate blue";
      }
      if (hue >= 15 && hue < 55) {
        return lightness > 0.6 ? "beige" : "taupe";
      }
      if (hue >= 70 && hue < 170) {
        return "sage green";
      }
      return grey(lightness);
    }
    if (hue < 12 || hue >= 345) {
      return lightness < 0.3 ? "burgundy" : lightness > 0.75 ? "pink" : "red";
    }
    if (hue < 40) {
      if (lightness < 0.35) {
        return "brown";
      }
      return lightness > 0.75 ? "peach" : hue < 22 ? "coral" : "orange";
    }
    if (hue < 52) {
      return lightness < 0.35 ? "bronze" : lightness > 0.8 ? "cream" : "golden";
    }
    if (hue < 68) {
      return lightness < 0.35 ? "olive" : "yellow";
    }
    if (hue < 95) {
      return lightness < 0.3 ? "olive" : "lime green";
    }
    if (hue < 150) {
      return lightness < 0.3 ? "forest green" : lightness > 0.75 ? "mint" : "green";
    }
    if (hue < 185) {
      return lightness < 0.4 ? "teal" : "turquoise";
    }
    if (hue < 215) {
      return lightness > 0.6 ? "sky blue" : lightness < 0.3 ? "navy" : "blue";
    }
    if (hue < 250) {
      return lightness < 0.3 ? "navy" : lightness > 0.75 ? "powder blue" : "blue";
    }
    if (hue < 280) {
      return lightness > 0.7 ? "lavender" : "violet";
    }
    if (hue < 320) {
      return lightness > 0.7 ? "lilac" : "purple";
    }
    return lightness > 0.7 ? "pink" : "magenta";
  }

  private static String grey(double lightness) {
    if (lightness > 0.93) {
      return "white";
    }
    if (lightness > 0.75) {
      return "light grey";
    }
    if (lightness > 0.45) {
      return "grey";
    }
    if (lightness > 0.15) {
      return "charcoal";
    }
    return "black";
  }

  /** Whether a colour is colourful enough to be worth naming in copy. */
  static boolean isVivid(int rgb) {
    return Colors.chroma(rgb) >= 25;
  }

  private static float[] hsl(int rgb) {
    float r = Colors.red(rgb) / 255f;
    float g = Colors.green(rgb) / 255f;
    float b = Colors.blue(rgb) / 255f;
    float max = Math.max(r, Math.max(g, b));
    float min = Math.min(r, Math.min(g, b));
    float lightness = (max + min) / 2;
    float delta = max - min;
    if (delta == 0) {
      return new float[] {0, 0, lightness};
    }
    float saturation = delta / (1 - Math.abs(2 * lightness - 1));
    float hue;
    if (max == r) {
      hue = 60 * (((g - b) / delta) % 6);
    } else if (max == g) {
      hue = 60 * ((b - r) / delta + 2);
    } else {
      hue = 60 * ((r - g) / delta + 4);
    }
    if (hue < 0) {
      hue += 360;
    }
    return new float[] {hue, saturation, lightness};
  }
}
