package dev.reelsmith.activities.images;

import dev.reelsmith.workflows.UploadLimits;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * The one door through which Reelsmith reads a reference image: JPEG (CMYK and YCCK too, through
 * TwelveMonkeys), PNG (alpha, grey, 16-bit) and WebP, turned upright by the EXIF orientation and
 * converted to packed sRGB.
 *
 * <p>{@link #inspect} is the cheap check the API runs on every upload before a generation starts:
 * it recognises the format by content, reads the dimensions from the header, refuses images above
 * {@link #MAX_PIXELS} and walks the file's structure to catch truncation, all without decoding a
 * pixel. {@link #decodeUpright} runs the same check first, so a decompression bomb is refused
 * before any memory is spent on it. Every refusal is an {@link InvalidImageException} whose message
 * names the file and says what to do.
 */
public final class ImageDecoder {

  /** The largest image accepted, in pixels; {@link UploadLimits} decides it. */
  public static final long MAX_PIXELS = UploadLimits.MAX_IMAGE_PIXELS;

  private static final String TRUNCATION_WARNING = "premature end";
  private static final String CORRUPTION_WARNING = "corrupt jpeg data:";
  private static final String HARMLESS_WARNING = "extraneous bytes";

  static {
    // Picks up the TwelveMonkeys readers even when the class loader that loaded ImageIO
    // (the boot loader) cannot see them, as inside a Spring Boot jar.
    ImageIO.scanForPlugins();
  }

  private ImageDecoder() {}

  /** {@link #inspect(Path, String)} under the file's own name. */
  public static ImageInfo inspect(Path file) throws InvalidImageException, IOException {
    return inspect(file, file.getFileName().toString());
  }

  /**
   * Format and upright dimensions of an image file, from its header, without decoding pixels.
   *
   * @param displayName the name to give the file in messages, e.g. the name the user uploaded it
   *     under when {@code file} is a temporary copy
   * @throws InvalidImageException when the file is empty, not a JPEG, PNG or WebP image (SVG, GIF,
   *     HEIC, text...), damaged, truncated, or larger than {@link #MAX_PIXELS}
   * @throws IOException when the file cannot be read at all (missing, no permission)
   */
  public static ImageInfo inspect(Path file, String displayName)
      throws InvalidImageException, IOException {
    byte[] head = new byte[ImageFiles.HEAD_BYTES];
    int length;
    try (InputStream in = Files.newInputStream(file)) {
      length = in.readNBytes(head, 0, head.length);
    }
    ImageFormat format = ImageFiles.sniff(head, length, displayName);
    int width;
    int height;
    try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
      ImageReader reader = readerFor(format, displayName);
      try {
        reader.setInput(in, true, true);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
      } catch (IOException | RuntimeException unreadableHeader) {
        // Readers throw unchecked exceptions too on malformed headers; either way the file is bad.
        throw new InvalidImageException(
            displayName,
            "has a damaged "
                + format
                + " header and cannot be read; re-export it and upload it again",
            unreadableHeader);
      } finally {
        reader.dispose();
      }
    }
    if (width <= 0 || height <= 0) {
      throw new InvalidImageException(
          displayName, "has no pixels (" + width + " × " + height + "); upload another photo");
    }
    long pixels = (long) width * height;
    if (pixels > MAX_PIXELS) {
      throw new InvalidImageException(
          displayName,
          String.format(
              Locale.ROOT,
              "is %d × %d pixels (%.1f megapixels), more than the limit of %d megapixels; "
                  + "scale it down (for example to %s) and upload it again",
              width,
              height,
              pixels / 1e6,
              MAX_PIXELS / 1_000_000,
              suggestedSize(width, height)));
    }
    ImageFiles.checkComplete(file, format, displayName);
    int orientation =
        format == ImageFormat.JPEG ? ExifOrientation.read(file) : ExifOrientation.UPRIGHT;
    boolean swap = orientation >= 5;
    return new ImageInfo(format, swap ? height : width, swap ? width : height, orientation);
  }

  /** {@link #decodeUpright(Path, String, int)} at full size, under the file's own name. */
  public static BufferedImage decodeUpright(Path file) throws InvalidImageException, IOException {
    return decodeUpright(file, file.getFileName().toString(), Integer.MAX_VALUE);
  }

  /**
   * Decodes an image upright, as packed sRGB ({@code TYPE_INT_ARGB} when it has an alpha channel,
   * {@code TYPE_INT_RGB} otherwise), scaled down so its long side is at most {@code maxSide}. Runs
   * {@link #inspect} first.
   *
   * @throws InvalidImageException as {@link #inspect} does, and when the pixel data is damaged
   */
  public static BufferedImage decodeUpright(Path file, String displayName, int maxSide)
      throws InvalidImageException, IOException {
    if (maxSide < 1) {
      throw new IllegalArgumentException("maxSide must be positive: " + maxSide);
    }
    ImageInfo info = inspect(file, displayName);
    BufferedImage decoded = decode(file, info, displayName, maxSide);
    BufferedImage upright =
        ExifOrientation.apply(Pixels.fit(Pixels.toSrgb(decoded), maxSide), info.orientation());
    return upright;
  }

  private static BufferedImage decode(Path file, ImageInfo info, String name, int maxSide)
      throws InvalidImageException, IOException {
    List<String> warnings = new ArrayList<>();
    try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
      ImageReader reader = readerFor(info.format(), name);
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        ImageReadParam param = reader.getDefaultReadParam();
        // Skipping rows and columns is cheap but aliases; keep at least twice the wanted size so
        // the smooth downscale that follows has real detail to average.
        int longSide = Math.max(info.width(), info.height());
        int step = (int) Math.max(1, longSide / (2L * maxSide));
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage image = reader.read(0, param);
        checkWarnings(warnings, name);
        return image;
      } catch (IOException | RuntimeException damaged) {
        // Decoders report corrupt data as IIOException or, for some malformations, unchecked.
        throw new InvalidImageException(
            name,
            "is damaged and cannot be decoded ("
                + describe(damaged)
                + "); re-export it and upload it again",
            damaged);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * JPEG decoders do not fail on damaged data: they warn, paint the rest grey and return. A warning
   * about truncated or corrupt data is a failure here, so noise never becomes a reference image;
   * stray bytes before a marker, which many cameras leave and every viewer ignores, are not.
   */
  private static void checkWarnings(List<String> warnings, String name)
      throws InvalidImageException {
    for (String warning : warnings) {
      String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
      if (text.contains(TRUNCATION_WARNING)) {
        throw new InvalidImageException(
            name, "is truncated: its image data ends early; upload the complete file again");
      }
      if (text.startsWith(CORRUPTION_WARNING) && !text.contains(HARMLESS_WARNING)) {
        throw new InvalidImageException(
            name,
            "is damaged: its image data is corrupt ("
                + warning.substring(CORRUPTION_WARNING.length()).strip()
                + "); re-export it and upload it again");
      }
    }
  }

  /** What a decoder's exception says, for a person; some carry no message at all. */
  private static String describe(Exception damaged) {
    if (damaged instanceof EOFException) {
      return "its image data ends before the picture does";
    }
    String message = damaged.getMessage();
    return message == null || message.isBlank() ? damaged.getClass().getSimpleName() : message;
  }

  /** A reader for the format, TwelveMonkeys' first where there is one (it knows CMYK JPEGs). */
  private static ImageReader readerFor(ImageFormat format, String name)
      throws InvalidImageException {
    ImageReader fallback = null;
    for (Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
        readers.hasNext(); ) {
      ImageReader reader = readers.next();
      if (reader.getClass().getName().startsWith("com.twelvemonkeys.")) {
        if (fallback != null) {
          fallback.dispose();
        }
        return reader;
      }
      if (fallback == null) {
        fallback = reader;
      } else {
        reader.dispose();
      }
    }
    if (fallback == null) {
      throw new InvalidImageException(
          name, "is a " + format + " image, but this server has no " + format + " decoder");
    }
    return fallback;
  }

  /** A size under the limit with the same aspect, rounded down to hundreds, for the message. */
  private static String suggestedSize(int width, int height) {
    double scale = Math.sqrt((double) MAX_PIXELS / ((long) width * height)) * 0.95;
    int w = Math.max(1, (int) (width * scale) / 100 * 100);
    int h = Math.max(1, (int) (height * scale) / 100 * 100);
    return w + " × " + h;
  }
}
