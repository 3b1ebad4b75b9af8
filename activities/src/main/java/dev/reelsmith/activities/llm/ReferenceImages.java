package dev.reelsmith.activities.llm;

import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A generation's reference images as {@code data:image/jpeg;base64,...} URLs for a vision model:
 * the upright copies the upload step made, shrunk so the long side is at most {@value #MAX_SIDE}
 * px. Vision APIs scale larger pictures down themselves, so bigger ones would only cost upload time
 * and tokens.
 */
final class ReferenceImages {

  static final int MAX_SIDE = 768;
  private static final float QUALITY = 0.85f;

  private ReferenceImages() {}

  /** One data URL per image, in the order given. */
  static List<String> dataUrls(MediaStore store, String generationId, List<ImageAnalysis> images) {
    List<String> urls = new ArrayList<>();
    for (ImageAnalysis image : images) {
      Path file = store.path(generationId, image.normalized());
      try {
        BufferedImage picture = ImageIO.read(file.toFile());
        if (picture == null) {
          throw new IllegalArgumentException(
              "reference image " + image.index() + " is not a picture this worker can read");
        }
        urls.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(picture)));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "reference image " + image.index() + " cannot be read (" + e.getMessage() + ")", e);
      }
    }
    return urls;
  }

  private static byte[] jpeg(BufferedImage picture) throws IOException {
    double scale =
        Math.min(1.0, (double) MAX_SIDE / Math.max(picture.getWidth(), picture.getHeight()));
    int width = Math.max(1, (int) Math.round(picture.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(picture.getHeight() * scale));
    // JPEG has no alpha: cut-outs go on white, as they would on a product page.
    BufferedImage current = draw(picture, picture.getWidth(), picture.getHeight(), true);
    // Halving first keeps one bilinear step from skipping pixels and aliasing.
    while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
      current = draw(current, current.getWidth() / 2, current.getHeight() / 2, false);
    }
    BufferedImage rgb =
        current.getWidth() == width && current.getHeight() == height
            ? current
            : draw(current, width, height, false);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(QUALITY);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static BufferedImage draw(BufferedImage source, int width, int height, boolean onWhite) {
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    if (onWhite) {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
    }
    g.drawImage(source, 0, 0, width, height, null);
    g.dispose();
    return target;
  }
}
