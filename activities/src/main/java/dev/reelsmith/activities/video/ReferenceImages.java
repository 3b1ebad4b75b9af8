package dev.reelsmith.activities.video;

import dev.reelsmith.activities.render.PermanentRenderException;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.SceneParams;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * A scene's reference image as the {@code data:} URI the video APIs take: flattened onto the
 * scene's background colour (JPEG has no alpha), no larger than the scene's frame (the models make
 * 720p to 1080p; more only costs upload time and the providers' size limits), JPEG-compressed.
 */
final class ReferenceImages {

  private ReferenceImages() {}

  static String dataUri(Path file, SceneParams scene) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new PermanentRenderException(
          Failures.INVALID_IMAGE,
          "Scene " + scene.index() + "'s reference image cannot be read; upload it again.");
    }
    double scale =
        Math.min(
            1,
            Math.max(
                (double) scene.width() / image.getWidth(),
                (double) scene.height() / image.getHeight()));
    int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setColor(background(scene));
      g.fillRect(0, 0, width, height);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(rgb, "jpg", jpeg);
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg.toByteArray());
  }

  /** SceneChecks has made sure the colour is {@code #RRGGBB}. */
  private static Color background(SceneParams scene) {
    return scene.backgroundColor() == null ? Color.BLACK : Color.decode(scene.backgroundColor());
  }
}
