package dev.reelsmith.activities.video;

import dev.reelsmith.activities.render.PermanentRenderException;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.CameraMove;
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
 * A scene's reference image as the {@code data:} URI the video APIs take: cropped to the scene's
 * shape around where its camera starts (models keep the image's shape, so the video then needs no
 * further crop), no larger than the frame (the models make 720p to 1080p; more only costs upload
 * time against the providers' size limits), flattened onto the scene's background colour and
 * JPEG-compressed.
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
    double aspect = (double) scene.width() / scene.height();
    int cropWidth = (int) Math.min(image.getWidth(), Math.round(image.getHeight() * aspect));
    int cropHeight = (int) Math.min(image.getHeight(), Math.round(image.getWidth() / aspect));
    CameraMove.Keyframe start = scene.camera() == null ? null : scene.camera().from();
    double centreX = start == null ? 0.5 : start.centerX();
    double centreY = start == null ? 0.5 : start.centerY();
    int left =
        clamp(
            (int) Math.round(centreX * image.getWidth() - cropWidth / 2.0),
            image.getWidth() - cropWidth);
    int top =
        clamp(
            (int) Math.round(centreY * image.getHeight() - cropHeight / 2.0),
            image.getHeight() - cropHeight);
    double scale = Math.min(1, (double) scene.width() / cropWidth);
    int width = Math.max(1, (int) Math.round(cropWidth * scale));
    int height = Math.max(1, (int) Math.round(cropHeight * scale));
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setColor(background(scene));
      g.fillRect(0, 0, width, height);
      g.drawImage(image, 0, 0, width, height, left, top, left + cropWidth, top + cropHeight, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(rgb, "jpg", jpeg);
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg.toByteArray());
  }

  private static int clamp(int value, int max) {
    return Math.max(0, Math.min(max, value));
  }

  /** SceneChecks has made sure the colour is {@code #RRGGBB}. */
  private static Color background(SceneParams scene) {
    return scene.backgroundColor() == null ? Color.BLACK : Color.decode(scene.backgroundColor());
  }
}
