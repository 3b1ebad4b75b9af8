package dev.reelsmith.activities.images;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The EXIF orientation of a JPEG (how a camera says "I was held sideways") and the turn or flip
 * that makes its pixels upright. Phones store most portrait photos as landscape pixels with
 * orientation 6, so ignoring it would lay every such photo on its side.
 */
final class ExifOrientation {

  static final int UPRIGHT = 1;

  private ExifOrientation() {}

  /**
   * The orientation in the JPEG's EXIF segment, 1 to 8; 1 when there is none. Damaged EXIF is
   * treated as absent: it says nothing about whether the pixels are usable.
   */
  static int read(Path jpeg) {
    try (ImageInputStream in = new FileImageInputStream(jpeg.toFile())) {
      List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      for (JPEGSegment segment : segments) {
        int orientation = orientationOf(segment);
        if (orientation != 0) {
          return orientation;
        }
      }
      return UPRIGHT;
    } catch (IOException | RuntimeException damagedMetadata) {
      return UPRIGHT;
    }
  }

  private static int orientationOf(JPEGSegment segment) throws IOException {
    try (InputStream data = segment.data();
        ImageInputStream tiff = new MemoryCacheImageInputStream(data)) {
      // The identifier "Exif" is followed by two zero bytes; data() starts after the first.
      data.read();
      Directory directory = new TIFFReader().read(tiff);
      if (directory instanceof CompoundDirectory compound && compound.directoryCount() > 0) {
        directory = compound.getDirectory(0);
      }
      Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
      if (entry != null && entry.getValue() instanceof Number number) {
        int value = number.intValue();
        return value >= 1 && value <= 8 ? value : 0;
      }
      return 0;
    }
  }

  /**
   * The upright image for pixels stored with {@code orientation}. Expects an image of type {@code
   * TYPE_INT_RGB} or {@code TYPE_INT_ARGB}; returns the same image for orientation 1.
   */
  static BufferedImage apply(BufferedImage stored, int orientation) {
    if (orientation <= UPRIGHT || orientation > 8) {
      return stored;
    }
    int w = stored.getWidth();
    int h = stored.getHeight();
    boolean swap = orientation >= 5;
    int uw = swap ? h : w;
    int uh = swap ? w : h;
    BufferedImage upright = new BufferedImage(uw, uh, stored.getType());
    int[] src = ((DataBufferInt) stored.getRaster().getDataBuffer()).getData();
    int[] dst = ((DataBufferInt) upright.getRaster().getDataBuffer()).getData();
    for (int sy = 0; sy < h; sy++) {
      int row = sy * w;
      for (int sx = 0; sx < w; sx++) {
        int dx;
        int dy;
        switch (orientation) {
          case 2 -> {
            dx = w - 1 - sx;
            dy = sy;
          }
          case 3 -> {
            dx = w - 1 - sx;
            dy = h - 1 - sy;
          }
          case 4 -> {
            dx = sx;
            dy = h - 1 - sy;
          }
          case 5 -> {
            dx = sy;
            dy = sx;
          }
          case 6 -> {
            dx = h - 1 - sy;
            dy = sx;
          }
          case 7 -> {
            dx = h - 1 - sy;
            dy = w - 1 - sx;
          }
          default -> {
            dx = sy;
            dy = w - 1 - sx;
          }
        }
        dst[dy * uw + dx] = src[row + sx];
      }
    }
    return upright;
  }
}
