package dev.reelsmith.activities.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a file's format by its first bytes and checks that the file is whole, by walking its
 * structure (JPEG markers, PNG chunks, the WebP RIFF header) without decoding any pixel. A file cut
 * short by an interrupted upload is caught here, before a decoder would quietly paint the missing
 * part grey.
 */
final class ImageFiles {

  /** How many leading bytes {@link #sniff} needs to tell formats apart. */
  static final int HEAD_BYTES = 512;

  private static final String ACCEPTED = "upload a JPEG, PNG or WebP photo instead";
  private static final Set<String> HEIF_BRANDS =
      Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");
  private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

  private ImageFiles() {}

  /** The format of a file that starts with {@code head}, or why it is not an accepted image. */
  static ImageFormat sniff(byte[] head, int length, String name) throws InvalidImageException {
    if (length == 0) {
      throw new InvalidImageException(name, "is empty (0 bytes); upload the photo again");
    }
    if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
      return ImageFormat.JPEG;
    }
    if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return ImageFormat.PNG;
    }
    if (ascii(head, length, 0, 4).equals("RIFF") && ascii(head, length, 8, 4).equals("WEBP")) {
      if (animated(head, length)) {
        throw new InvalidImageException(
            name,
            "is an animated WebP; Reelsmith needs a still photo, so save the frame you want as "
                + "JPEG, PNG or a still WebP and upload that");
      }
      return ImageFormat.WEBP;
    }
    throw new InvalidImageException(name, unsupported(head, length));
  }

  /**
   * Whether a WebP declares animation: its first chunk is VP8X with the animation flag. Decoders
   * would quietly return the first frame, which in an animation is often a blank or a fade-in, so
   * animations are refused like GIFs rather than turned into a still nobody chose.
   */
  private static boolean animated(byte[] head, int length) {
    return ascii(head, length, 12, 4).equals("VP8X") && length > 20 && (head[20] & 0x02) != 0;
  }

  private static String unsupported(byte[] head, int length) {
    if (ascii(head, length, 0, 4).startsWith("GIF8")) {
      return "is a GIF, which Reelsmith does not accept; " + ACCEPTED;
    }
    if (ascii(head, length, 4, 4).equals("ftyp")) {
      String brand = ascii(head, length, 8, 4).toLowerCase(Locale.ROOT);
      if (HEIF_BRANDS.contains(brand)) {
        return "is a HEIC/HEIF photo, which Reelsmith does not accept; export it as JPEG "
            + "(on an iPhone: Settings > Camera > Formats > Most Compatible) and upload it again";
      }
      if (AVIF_BRANDS.contains(brand)) {
        return "is an AVIF image, which Reelsmith does not accept; " + ACCEPTED;
      }
      return "is a video or other media file, not a photo; " + ACCEPTED;
    }
    if (ascii(head, length, 0, 2).equals("BM")) {
      return "is a BMP bitmap, which Reelsmith does not accept; " + ACCEPTED;
    }
    if (startsWith(head, length, 0, 'I', 'I', 0x2A, 0x00)
        || startsWith(head, length, 0, 'M', 'M', 0x00, 0x2A)) {
      return "is a TIFF image, which Reelsmith does not accept; " + ACCEPTED;
    }
    if (ascii(head, length, 0, 4).equals("%PDF")) {
      return "is a PDF document, not an image; " + ACCEPTED;
    }
    if (startsWith(head, length, 0, 0x1F, 0x8B)) {
      return "is a compressed (gzip) file, not an image; " + ACCEPTED;
    }
    if (looksLikeText(head, length)) {
      String text = new String(head, 0, length, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      if (text.contains("<svg")) {
        return "is an SVG vector drawing; Reelsmith needs a photo, so export it as PNG and "
            + "upload that";
      }
      return "is a text file, not an image, although its name may say otherwise; " + ACCEPTED;
    }
    return "is not a JPEG, PNG or WebP image (its content is in no format Reelsmith knows); "
        + ACCEPTED;
  }

  /**
   * Checks that the file is complete and well formed at the level of its container, reading its
   * bytes but decoding no pixel.
   */
  static void checkComplete(Path file, ImageFormat format, String name)
      throws IOException, InvalidImageException {
    try (ByteSource in = new ByteSource(file)) {
      switch (format) {
        case JPEG -> checkJpeg(in, name);
        case PNG -> checkPng(in, name);
        case WEBP -> checkWebp(in, name);
      }
    }
  }

  private static InvalidImageException truncated(String name) {
    return new InvalidImageException(
        name,
        "is truncated: the file ends before its image data does (an interrupted upload or "
            + "copy?); upload the complete file again");
  }

  private static InvalidImageException damaged(String name, String what) {
    return new InvalidImageException(
        name, "is damaged (" + what + ") and cannot be read; re-export it and upload it again");
  }

  /**
   * Walks the JPEG's markers from SOI to EOI, stepping over the entropy-coded data of every scan.
   * Bytes after EOI (a phone's embedded motion clip, say) are allowed.
   */
  private static void checkJpeg(ByteSource in, String name)
      throws IOException, InvalidImageException {
    in.skip(2);
    boolean frame = false;
    boolean scanned = false;
    int marker = nextMarker(in);
    while (true) {
      if (marker < 0) {
        throw truncated(name);
      }
      if (marker == 0xD9) {
        if (!scanned) {
          throw damaged(name, "it ends before any image data");
        }
        return;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        marker = nextMarker(in);
        continue;
      }
      int high = in.read();
      int low = in.read();
      if (low < 0) {
        throw truncated(name);
      }
      int length = (high << 8) | low;
      if (length < 2) {
        throw damaged(name, "a JPEG segment has an impossible length");
      }
      if (!in.skip(length - 2L)) {
        throw truncated(name);
      }
      if (isFrameHeader(marker)) {
        frame = true;
      }
      if (marker == 0xDA) {
        if (!frame) {
          throw damaged(name, "image data comes before the frame header");
        }
        scanned = true;
        marker = afterEntropyData(in);
      } else {
        marker = nextMarker(in);
      }
    }
  }

  private static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /** The next marker code, stepping over stray bytes and fill bytes as decoders do; -1 at EOF. */
  private static int nextMarker(ByteSource in) throws IOException {
    int b;
    do {
      b = in.read();
    } while (b >= 0 && b != 0xFF);
    while (b == 0xFF) {
      b = in.read();
    }
    return b;
  }

  /** Skips a scan's entropy-coded bytes and returns the marker after them; -1 at EOF. */
  private static int afterEntropyData(ByteSource in) throws IOException {
    while (true) {
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      if (b != 0xFF) {
        continue;
      }
      int next;
      do {
        next = in.read();
      } while (next == 0xFF);
      if (next < 0) {
        return -1;
      }
      boolean stuffedOrRestart = next == 0x00 || (next >= 0xD0 && next <= 0xD7);
      if (!stuffedOrRestart) {
        return next;
      }
    }
  }

  /** Walks the PNG's chunks: IHDR first, at least one IDAT, and an IEND inside the file. */
  private static void checkPng(ByteSource in, String name)
      throws IOException, InvalidImageException {
    in.skip(8);
    boolean first = true;
    boolean data = false;
    byte[] header = new byte[8];
    while (true) {
      if (!in.readFully(header)) {
        throw truncated(name);
      }
      long length =
          ((header[0] & 0xFFL) << 24)
              | ((header[1] & 0xFF) << 16)
              | ((header[2] & 0xFF) << 8)
              | (header[3] & 0xFF);
      String type = new String(header, 4, 4, StandardCharsets.US_ASCII);
      if (first && !type.equals("IHDR")) {
        throw damaged(name, "the PNG header chunk is missing");
      }
      if (length > Integer.MAX_VALUE) {
        throw damaged(name, "a PNG chunk has an impossible length");
      }
      if (!in.skip(length + 4)) {
        throw truncated(name);
      }
      first = false;
      if (type.equals("IDAT")) {
        data = true;
      } else if (type.equals("IEND")) {
        if (!data) {
          throw damaged(name, "it has no image data");
        }
        return;
      }
    }
  }

  /** Checks that the file holds as many bytes as its RIFF header announces. */
  private static void checkWebp(ByteSource in, String name)
      throws IOException, InvalidImageException {
    byte[] header = new byte[12];
    if (!in.readFully(header)) {
      throw truncated(name);
    }
    long riffSize =
        (header[4] & 0xFFL)
            | ((header[5] & 0xFFL) << 8)
            | ((header[6] & 0xFFL) << 16)
            | ((header[7] & 0xFFL) << 24);
    if (riffSize < 12) {
      throw damaged(name, "its WebP header announces no image data");
    }
    if (riffSize + 8 > in.size()) {
      throw truncated(name);
    }
  }

  private static boolean startsWith(byte[] head, int length, int offset, int... expected) {
    if (offset + expected.length > length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((head[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] head, int length, int offset, int count) {
    if (offset + count > length) {
      return "";
    }
    return new String(head, offset, count, StandardCharsets.ISO_8859_1);
  }

  /** No control characters but tab, CR, LF and form feed: text in any ASCII-based encoding. */
  private static boolean looksLikeText(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        return false;
      }
      if (b == 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** Buffered sequential reads over a file, with cheap forward skips. */
  private static final class ByteSource implements AutoCloseable {
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).limit(0);
    private long bufferStart;

    ByteSource(Path file) throws IOException {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      size = channel.size();
    }

    long size() {
      return size;
    }

    int read() throws IOException {
      if (!buffer.hasRemaining() && !fill()) {
        return -1;
      }
      return buffer.get() & 0xFF;
    }

    boolean readFully(byte[] target) throws IOException {
      for (int i = 0; i < target.length; i++) {
        int b = read();
        if (b < 0) {
          return false;
        }
        target[i] = (byte) b;
      }
      return true;
    }

    /** Moves {@code count} bytes forward; false when that would pass the end of the file. */
    boolean skip(long count) {
      long target = bufferStart + buffer.position() + count;
      if (target > size) {
        return false;
      }
      if (target <= bufferStart + buffer.limit()) {
        buffer.position((int) (target - bufferStart));
      } else {
        bufferStart = target;
        buffer.limit(0);
      }
      return true;
    }

    private boolean fill() throws IOException {
      long position = bufferStart + buffer.limit();
      buffer.clear();
      int read = 0;
      while (read == 0) {
        read = channel.read(buffer, position);
      }
      buffer.flip();
      bufferStart = position;
      return read > 0;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
