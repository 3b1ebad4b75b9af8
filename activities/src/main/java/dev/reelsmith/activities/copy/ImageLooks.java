package dev.reelsmith.activities.copy;

import dev.reelsmith.activities.images.Colors;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Region;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Words for what a reference image looks like, and which image best shows the product. */
final class ImageLooks {

  private ImageLooks() {}

  /**
   * The image to reveal the product on: a cut-out, or a bright, contrasty photo whose subject fills
   * a fair part of the frame. Ties go to the lower index.
   */
  static ImageAnalysis hero(List<ImageAnalysis> images) {
    return images.stream()
        .sorted(Comparator.comparingInt(ImageAnalysis::index))
        .max(Comparator.comparingDouble(ImageLooks::heroScore))
        .orElseThrow(() -> new IllegalArgumentException("no reference images"));
  }

  static double heroScore(ImageAnalysis image) {
    Region salient = image.salient();
    double area = salient.width() * salient.height();
    double framing = area >= 0.04 && area <= 0.6 ? 1 : 0.5;
    double exposure = 1 - Math.abs(image.brightness() - 0.6);
    double punch = Math.min(1, image.contrast() * 2.5);
    return 0.4 * exposure + 0.3 * punch + 0.3 * framing + (image.transparent() ? 0.2 : 0);
  }

  /** "bright orange", "deep navy", "slate blue": the image's most telling colour, or null. */
  static String colorPhrase(ImageAnalysis image) {
    if (image == null || image.palette().isEmpty()) {
      return null;
    }
    int colour = Colors.parse(image.palette().get(0));
    for (String hex : image.palette().subList(0, Math.min(4, image.palette().size()))) {
      int candidate = Colors.parse(hex);
      if (ColorNames.isVivid(candidate)) {
        colour = candidate;
        break;
      }
    }
    String name = ColorNames.name(colour);
    if (image.brightness() >= 0.62 && !name.startsWith("light") && !name.equals("white")) {
      return "bright " + name;
    }
    if (image.brightness() <= 0.35 && !name.equals("black") && !name.equals("navy")) {
      return "deep " + name;
    }
    return name;
  }

  /** Up to two distinct colour names from the palette, e.g. "orange and slate blue". */
  static String colours(ImageAnalysis image) {
    List<String> names = new ArrayList<>();
    for (String hex : image.palette()) {
      String name = ColorNames.name(Colors.parse(hex));
      if (!names.contains(name)) {
        names.add(name);
      }
      if (names.size() == 2) {
        break;
      }
    }
    return String.join(" and ", names);
  }

  /** "bright and airy", "dark and moody" or "evenly lit". */
  static String light(ImageAnalysis image) {
    if (image.brightness() >= 0.65) {
      return "bright and airy";
    }
    if (image.brightness() <= 0.35) {
      return "dark and moody";
    }
    return image.contrast() >= 0.35 ? "crisp and contrasty" : "evenly lit";
  }

  /** Where the subject sits, e.g. "right of centre, low in the frame". */
  static String position(ImageAnalysis image) {
    Region salient = image.salient();
    String across =
        salient.centerX() < 0.4
            ? "left of centre"
            : salient.centerX() > 0.6 ? "right of centre" : "centred";
    String down =
        salient.centerY() < 0.4
            ? ", high in the frame"
            : salient.centerY() > 0.6 ? ", low in the frame" : "";
    return across + down;
  }
}
