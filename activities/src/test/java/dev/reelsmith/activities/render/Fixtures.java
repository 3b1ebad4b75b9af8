package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Transition;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Synthetic photos and render parameters for the render tests. */
final class Fixtures {

  static final int FPS = 30;

  private Fixtures() {}

  /**
   * A photo-like picture: a diagonal gradient, overlapping discs, a grid of thin lines and a label,
   * so that any camera motion changes many pixels.
   */
  static BufferedImage photo(int seed, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    java.util.Random random = new java.util.Random(seed);
    g.setPaint(
        new GradientPaint(
            0, 0, new Color(random.nextInt(0xFFFFFF)), width, height, new Color(0x202840)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 24; i++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF) | 0x80000000, true));
      int size = width / 16 + random.nextInt(width / 5);
      g.fillOval(random.nextInt(width), random.nextInt(height), size, size);
    }
    g.setColor(new Color(255, 255, 255, 90));
    g.setStroke(new BasicStroke(Math.max(1, width / 400f)));
    for (int x = 0; x < width; x += width / 24) {
      g.drawLine(x, 0, x, height);
    }
    for (int y = 0; y < height; y += height / 18) {
      g.drawLine(0, y, width, y);
    }
    g.setColor(Color.WHITE);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 8));
    g.drawString("Photo " + seed, width / 10, height / 4);
    g.dispose();
    return image;
  }

  /** A transparent picture with one opaque square in the middle. */
  static BufferedImage cutout(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x1E90FF));
    g.fillRect(width / 3, height / 3, width / 3, height / 3);
    g.dispose();
    return image;
  }

  /** Writes {@code image} as the generation's reference image {@code index}. */
  static void writeReference(Path generationFolder, int index, BufferedImage image) {
    try {
      Path file = generationFolder.resolve(MediaLayout.reference(index));
      Files.createDirectories(file.getParent());
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Caption caption(String text) {
    return new Caption(
        text, Caption.Placement.LOWER_THIRD, "#FFFFFF", "#101820", "#1A73E8", 0.06, 0.4);
  }

  static CameraMove pushIn() {
    return new CameraMove(
        CameraMove.Framing.COVER,
        new CameraMove.Keyframe(1.0, 0.5, 0.5),
        new CameraMove.Keyframe(1.3, 0.58, 0.46),
        CameraMove.Easing.EASE_IN_OUT);
  }

  /** A scene of the given size and length, with a caption and a push-in. */
  static SceneParams scene(
      int index, int width, int height, double seconds, Transition transition) {
    return new SceneParams(
        index,
        width,
        height,
        FPS,
        seconds,
        MediaLayout.reference(index),
        pushIn(),
        caption("Scene " + index + ": slow-steeped cold brew"),
        transition,
        "#000000",
        "a bottle of cold brew on a table",
        42L + index);
  }
}
