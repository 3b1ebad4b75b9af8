package dev.reelsmith.activities.testing;

import dev.reelsmith.workflows.messages.Region;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Synthetic but photo-like reference images for tests, shared with other modules through the
 * test-jar: a gradient backdrop with a surface, fine texture (seeded noise), and a bright "product"
 * (a bottle with a label and a highlight) off-centre at {@link #PRODUCT}. Also every kind of file
 * an upload must refuse.
 *
 * <p>Methods that build pixels return images; methods that take a folder write a file into it and
 * return its path. Every image is the same for the same arguments.
 */
public final class TestImages {

  /** Where the product stands in a {@link #photo}, in normalised coordinates. */
  public static final Region PRODUCT = new Region(0.58, 0.22, 0.2, 0.56);

  private TestImages() {}

  /** The colours of a photo: backdrop gradient, surface, product and its label. */
  public enum Look {
    /** A soft blue-grey studio with an orange bottle: mid brightness, clear subject. */
    STUDIO(new Color(0x8FA3B8), new Color(0x5E6F82), new Color(0x4A4F57), new Color(0xF28C28)),
    /** A dark, low-key scene. */
    DARK(new Color(0x1A1C22), new Color(0x0E0F12), new Color(0x15161A), new Color(0x5A3A22)),
    /** A bright, high-key scene with a pale product. */
    BRIGHT(new Color(0xFAFAF7), new Color(0xECEDEA), new Color(0xDCDDD8), new Color(0xBFE3F2)),
    /** A red backdrop and surface with a white bottle: red dominates. */
    RED(new Color(0xD0202A), new Color(0xB0141E), new Color(0x9E121B), new Color(0xF4F1EC));

    final Color top;
    final Color bottom;
    final Color surface;
    final Color product;

    Look(Color top, Color bottom, Color surface, Color product) {
      this.top = top;
      this.bottom = bottom;
      this.surface = surface;
      this.product = product;
    }
  }

  // ---------------------------------------------------------------- pixels

  /** A {@link Look#STUDIO} photo. */
  public static BufferedImage photo(int width, int height) {
    return photo(width, height, Look.STUDIO);
  }

  /** An opaque photo ({@code TYPE_INT_RGB}) with the product at {@link #PRODUCT}. */
  public static BufferedImage photo(int width, int height, Look look) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int horizon = (int) (height * 0.72);
    for (int y = 0; y < height; y++) {
      double t = (double) y / Math.max(1, height - 1);
      Color row = y < horizon ? blend(look.top, look.bottom, t / 0.72) : look.surface;
      for (int x = 0; x < width; x++) {
        // A soft light from the upper left.
        double light = 1.06 - 0.12 * ((double) x / Math.max(1, width - 1));
        pixels[y * width + x] = scale(row, light).getRGB() & 0xFFFFFF;
      }
    }
    Graphics2D g = image.createGraphics();
    try {
      drawProduct(g, width, height, look.product);
    } finally {
      g.dispose();
    }
    addTexture(pixels, width, height, 7, 0x5EED + look.ordinal());
    return image;
  }

  /**
   * A cut-out product shot ({@code TYPE_INT_ARGB}): fully transparent except the product, which
   * fills {@link #PRODUCT}. Transparent pixels are black, as many editors leave them.
   */
  public static BufferedImage cutOut(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      drawProduct(g, width, height, Look.STUDIO.product);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** A {@link #photo} in 8-bit grey ({@code TYPE_BYTE_GRAY}). */
  public static BufferedImage greyscale(int width, int height) {
    BufferedImage colour = photo(width, height);
    BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = grey.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = colour.getRGB(x, y);
        int luma =
            (int)
                Math.round(
                    0.2126 * ((p >> 16) & 0xFF) + 0.7152 * ((p >> 8) & 0xFF) + 0.0722 * (p & 0xFF));
        raster.setSample(x, y, 0, luma);
      }
    }
    return grey;
  }

  /** A {@link #photo} with 16 bits per channel, as a PNG from a raw converter would hold it. */
  public static BufferedImage sixteenBit(int width, int height) {
    BufferedImage colour = photo(width, height);
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = colour.getRGB(x, y);
        raster.setSample(x, y, 0, ((p >> 16) & 0xFF) * 257);
        raster.setSample(x, y, 1, ((p >> 8) & 0xFF) * 257);
        raster.setSample(x, y, 2, (p & 0xFF) * 257);
      }
    }
    return new BufferedImage(model, raster, false, null);
  }

  /**
   * Pixels for an EXIF-rotation test: a landscape photo whose top-left corner carries a pure red
   * block, a quarter of each side. Stored with orientation 6, the block shows top-right.
   */
  public static BufferedImage withRedCorner(int width, int height) {
    BufferedImage image = photo(width, height);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.RED);
      g.fillRect(0, 0, width / 4, height / 4);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawProduct(Graphics2D g, int width, int height, Color colour) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    double x = PRODUCT.x() * width;
    double y = PRODUCT.y() * height;
    double w = PRODUCT.width() * width;
    double h = PRODUCT.height() * height;
    double neck = w * 0.36;
    double shoulder = h * 0.22;
    g.setColor(scale(colour, 0.85));
    g.fill(new RoundRectangle2D.Double(x + (w - neck) / 2, y, neck, shoulder + h * 0.05, 4, 4));
    g.setColor(colour);
    g.fill(new RoundRectangle2D.Double(x, y + shoulder, w, h - shoulder, w * 0.35, w * 0.35));
    g.setColor(blend(colour, Color.WHITE, 0.55));
    g.fill(new RoundRectangle2D.Double(x, y + h * 0.48, w, h * 0.22, 2, 2));
    g.setColor(scale(colour, 0.7));
    g.setStroke(new BasicStroke((float) Math.max(1, w * 0.03)));
    g.draw(new Ellipse2D.Double(x + w * 0.3, y + h * 0.52, w * 0.4, h * 0.14));
    g.setColor(blend(colour, Color.WHITE, 0.8));
    g.fill(new RoundRectangle2D.Double(x + w * 0.14, y + h * 0.3, w * 0.08, h * 0.5, 3, 3));
  }

  private static void addTexture(int[] pixels, int width, int height, int amplitude, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < pixels.length; i++) {
      int n = random.nextInt(2 * amplitude + 1) - amplitude;
      int p = pixels[i];
      pixels[i] =
          (clamp(((p >> 16) & 0xFF) + n) << 16)
              | (clamp(((p >> 8) & 0xFF) + n) << 8)
              | clamp((p & 0xFF) + n);
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static Color blend(Color a, Color b, double t) {
    double u = Math.max(0, Math.min(1, t));
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
  }

  private static Color scale(Color c, double f) {
    return new Color(
        clamp((int) Math.round(c.getRed() * f)),
        clamp((int) Math.round(c.getGreen() * f)),
        clamp((int) Math.round(c.getBlue() * f)));
  }

  // ---------------------------------------------------------------- files

  /** Writes a JPEG (quality 0.92); alpha, if any, is dropped. */
  public static Path writeJpeg(Path file, BufferedImage image) {
    return write(file, jpegBytes(image));
  }

  /** Writes a PNG, keeping alpha, grey and 16-bit samples as they are. */
  public static Path writePng(Path file, BufferedImage image) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IllegalStateException("no PNG writer for image type " + image.getType());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a JPEG of {@code stored} with an APP1 EXIF segment that gives {@code orientation} (1–8),
   * the way a phone stores a photo taken sideways.
   */
  public static Path writeExifJpeg(Path file, BufferedImage stored, int orientation) {
    byte[] jpeg = jpegBytes(stored);
    byte[] exif = exifOrientationSegment(orientation);
    // Insert after SOI and, if present, the JFIF APP0 segment that the writer put first.
    int at = 2;
    if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
      at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
    }
    byte[] out = new byte[jpeg.length + exif.length];
    System.arraycopy(jpeg, 0, out, 0, at);
    System.arraycopy(exif, 0, out, at, exif.length);
    System.arraycopy(jpeg, at, out, at + exif.length, jpeg.length - at);
    return write(file, out);
  }

  /** An APP1 segment: "Exif\0\0", a big-endian TIFF header and IFD0 with one Orientation entry. */
  static byte[] exifOrientationSegment(int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
    tiff.putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0);
    byte[] identifier = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + identifier.length + tiff.capacity();
    ByteBuffer segment = ByteBuffer.allocate(2 + length);
    segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
    segment.put(identifier).put(tiff.array());
    return segment.array();
  }

  /** A studio photo, 640 × 400 JPEG. */
  public static Path jpegPhoto(Path dir) {
    return writeJpeg(dir.resolve("photo.jpg"), photo(640, 400));
  }

  /** A cut-out with alpha, 400 × 300 PNG. */
  public static Path cutOutPng(Path dir) {
    return writePng(dir.resolve("cutout.png"), cutOut(400, 300));
  }

  /** An 8-bit greyscale PNG, 320 × 240. */
  public static Path greyscalePng(Path dir) {
    return writePng(dir.resolve("greyscale.png"), greyscale(320, 240));
  }

  /** A 16-bit-per-channel PNG, 320 × 200. */
  public static Path sixteenBitPng(Path dir) {
    return writePng(dir.resolve("sixteen-bit.png"), sixteenBit(320, 200));
  }

  /**
   * A JPEG whose pixels are stored 300 × 200 (red block top-left) with EXIF orientation 6: upright
   * it is 200 × 300 with the block top-right.
   */
  public static Path exifRotatedJpeg(Path dir) {
    return writeExifJpeg(dir.resolve("sideways.jpg"), withRedCorner(300, 200), 6);
  }

  /** A very wide panorama, 6000 × 800 JPEG. */
  public static Path panoramaJpeg(Path dir) {
    return writeJpeg(dir.resolve("panorama.jpg"), photo(6000, 800));
  }

  /** A tiny image, 8 × 6 PNG. */
  public static Path tinyPng(Path dir) {
    return writePng(dir.resolve("tiny.png"), photo(8, 6));
  }

  /** A lossy WebP photo, 320 × 200 (made with cwebp from {@link #photo}; no Java WebP writer). */
  public static Path webpPhoto(Path dir) {
    return copyResource("photo.webp", dir.resolve("photo.webp"));
  }

  /** A lossless WebP cut-out with alpha, 200 × 150 (made with cwebp from {@link #cutOut}). */
  public static Path webpCutOut(Path dir) {
    return copyResource("cutout.webp", dir.resolve("cutout.webp"));
  }

  /**
   * A CMYK JPEG as print workflows export it (Adobe APP14 marker, inverted ink values), 160 × 100:
   * pure cyan ink on the left half, magenta plus yellow (red) on the right.
   */
  public static Path cmykJpeg(Path dir) {
    int width = 160;
    int height = 100;
    WritableRaster raster =
        WritableRaster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    int[] cyan = {255, 0, 0, 0};
    int[] red = {0, 255, 255, 0};
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] ink = x < width / 2 ? cyan : red;
        for (int band = 0; band < 4; band++) {
          raster.setSample(x, y, band, 255 - ink[band]);
        }
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    byte[] jpeg;
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), null);
      out.flush();
      jpeg = bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    // APP14 "Adobe", version 100, no flags, transform 0: the four components are CMYK.
    byte[] adobe = {
      (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0
    };
    byte[] out = new byte[jpeg.length + adobe.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(adobe, 0, out, 2, adobe.length);
    System.arraycopy(jpeg, 2, out, 2 + adobe.length, jpeg.length - 2);
    return write(dir.resolve("cmyk.jpg"), out);
  }

  /** A studio photo JPEG cut off after 60% of its bytes, as an interrupted upload leaves it. */
  public static Path truncatedJpeg(Path dir) {
    byte[] jpeg = jpegBytes(photo(640, 400));
    return write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length * 6 / 10));
  }

  /** A PNG cut off in the middle of its image data. */
  public static Path truncatedPng(Path dir) {
    Path full = writePng(dir.resolve("full-for-truncation.png"), photo(320, 200));
    try {
      byte[] png = Files.readAllBytes(full);
      Files.delete(full);
      return write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A text file that calls itself a JPEG. */
  public static Path textNamedJpg(Path dir) {
    return write(
        dir.resolve("notes.jpg"),
        "Shot list: bottle on the counter, morning light.\n".getBytes(StandardCharsets.UTF_8));
  }

  /** A zero-byte file named like a JPEG. */
  public static Path emptyJpg(Path dir) {
    return write(dir.resolve("empty.jpg"), new byte[0]);
  }

  /** An SVG logo. */
  public static Path svg(Path dir) {
    String svg =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\">\n"
            + "  <rect width=\"400\" height=\"300\" fill=\"#1A73E8\"/>\n"
            + "  <circle cx=\"200\" cy=\"150\" r=\"80\" fill=\"#FFFFFF\"/>\n"
            + "</svg>\n";
    return write(dir.resolve("logo.svg"), svg.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A well-formed PNG of a few dozen bytes whose header claims {@code width} × {@code height}: a
   * decompression bomb, to be refused before anything is decoded.
   */
  public static Path pngClaiming(Path dir, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put(new byte[3]);
    chunk(out, "IHDR", header.array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[1024]);
    deflater.finish();
    byte[] compressed = new byte[1024];
    int length = deflater.deflate(compressed);
    deflater.end();
    chunk(out, "IDAT", Arrays.copyOf(compressed, length));
    chunk(out, "IEND", new byte[0]);
    return write(dir.resolve("bomb.png"), out.toByteArray());
  }

  /**
   * A JPEG of a few kilobytes whose frame header claims {@code width} × {@code height} (at most
   * 65535 each): a decompression bomb in the format phones use.
   */
  public static Path jpegClaiming(Path dir, int width, int height) {
    byte[] jpeg = jpegBytes(photo(64, 48));
    int sof = segment(jpeg, 0xC0);
    // FF C0, length (2), precision (1), then height and width, big-endian.
    jpeg[sof + 5] = (byte) (height >> 8);
    jpeg[sof + 6] = (byte) height;
    jpeg[sof + 7] = (byte) (width >> 8);
    jpeg[sof + 8] = (byte) width;
    return write(dir.resolve("bomb.jpg"), jpeg);
  }

  /**
   * An extended WebP (a VP8X header) of a few kilobytes whose canvas claims {@code width} × {@code
   * height}, around a small lossy image: a decompression bomb in the one WebP field that allows
   * sixteen million pixels a side.
   */
  public static Path webpClaiming(Path dir, int width, int height) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(vp8x(0, width, height));
    body.writeBytes(webpImageChunk());
    return write(dir.resolve("bomb.webp"), riffWebp(body.toByteArray()));
  }

  /**
   * An animated WebP of two frames, both {@link #webpPhoto}'s picture, as a GIF converter makes
   * them: VP8X with the animation flag, ANIM, and one ANMF chunk per frame.
   */
  public static Path animatedWebp(Path dir) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(vp8x(0x02, 320, 200));
    ByteArrayOutputStream anim = new ByteArrayOutputStream();
    anim.writeBytes(new byte[] {0, 0, 0, (byte) 0xFF, 0, 0});
    riffChunk(body, "ANIM", anim.toByteArray());
    for (int frame = 0; frame < 2; frame++) {
      ByteArrayOutputStream anmf = new ByteArrayOutputStream();
      anmf.writeBytes(uint24(0));
      anmf.writeBytes(uint24(0));
      anmf.writeBytes(uint24(320 - 1));
      anmf.writeBytes(uint24(200 - 1));
      anmf.writeBytes(uint24(500));
      anmf.write(0);
      anmf.writeBytes(webpImageChunk());
      riffChunk(body, "ANMF", anmf.toByteArray());
    }
    return write(dir.resolve("animated.webp"), riffWebp(body.toByteArray()));
  }

  /** A looping animated GIF of two frames. */
  public static Path animatedGif(Path dir) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (Look look : List.of(Look.STUDIO, Look.RED)) {
        BufferedImage frame = new BufferedImage(160, 100, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = frame.createGraphics();
        try {
          g.drawImage(photo(160, 100, look), 0, 0, null);
        } finally {
          g.dispose();
        }
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
      out.flush();
      return write(dir.resolve("animated.gif"), bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /**
   * A JPEG whose markers and headers are intact but whose image data is noise: what a disk error or
   * a broken transfer leaves. No 0xFF byte in the noise, so the file's structure stays whole and
   * only decoding it can tell.
   */
  public static Path corruptJpeg(Path dir) {
    byte[] jpeg = jpegBytes(photo(640, 400));
    int sos = segment(jpeg, 0xDA);
    int data = sos + 2 + (((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF));
    Random noise = new Random(0xBAD);
    for (int i = data; i < jpeg.length - 2; i++) {
      jpeg[i] = (byte) noise.nextInt(0xFF);
    }
    return write(dir.resolve("corrupt.jpg"), jpeg);
  }

  /** A PNG whose chunks are whole, checksums included, but whose compressed image data is noise. */
  public static Path corruptPng(Path dir) {
    Path full = writePng(dir.resolve("full-for-corruption.png"), photo(320, 200));
    try {
      byte[] png = Files.readAllBytes(full);
      Files.delete(full);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(Arrays.copyOf(png, 8));
      Random noise = new Random(0xBAD);
      ByteBuffer chunks = ByteBuffer.wrap(png, 8, png.length - 8);
      while (chunks.hasRemaining()) {
        byte[] data = new byte[chunks.getInt()];
        byte[] type = new byte[4];
        chunks.get(type);
        chunks.get(data);
        chunks.getInt();
        String name = new String(type, StandardCharsets.US_ASCII);
        if (name.equals("IDAT")) {
          noise.nextBytes(data);
        }
        chunk(out, name, data);
      }
      return write(dir.resolve("corrupt.png"), out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A lossy WebP whose RIFF and VP8 headers (size included) are intact but whose compressed data
   * after the frame header is noise.
   */
  public static Path corruptWebp(Path dir) {
    byte[] webp = resource("photo.webp");
    // RIFF header (12), VP8 chunk header (8), frame tag (3), start code (3), size (4).
    Random noise = new Random(0xBAD);
    for (int i = 30; i < webp.length; i++) {
      webp[i] = (byte) noise.nextInt(256);
    }
    return write(dir.resolve("corrupt.webp"), webp);
  }

  /** An HTML page with a script, named like a PNG. */
  public static Path htmlNamedPng(Path dir) {
    return write(
        dir.resolve("page.png"),
        "<!doctype html><title>x</title><script>alert(document.cookie)</script>\n"
            .getBytes(StandardCharsets.UTF_8));
  }

  /** A ZIP archive named like a WebP. */
  public static Path zipNamedWebp(Path dir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write("not a picture".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return write(dir.resolve("archive.webp"), bytes.toByteArray());
  }

  /** The offset of the first JPEG segment with {@code marker}, walking from SOI. */
  private static int segment(byte[] jpeg, int marker) {
    int at = 2;
    while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
      if ((jpeg[at + 1] & 0xFF) == marker) {
        return at;
      }
      at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    throw new IllegalStateException("no JPEG segment 0x" + Integer.toHexString(marker));
  }

  /** A VP8X chunk: flags and the canvas size. */
  private static byte[] vp8x(int flags, int width, int height) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(flags);
    data.writeBytes(new byte[3]);
    data.writeBytes(uint24(width - 1));
    data.writeBytes(uint24(height - 1));
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    riffChunk(chunk, "VP8X", data.toByteArray());
    return chunk.toByteArray();
  }

  /** The "VP8 " chunk of {@link #webpPhoto}, header and padding included. */
  private static byte[] webpImageChunk() {
    byte[] webp = resource("photo.webp");
    return Arrays.copyOfRange(webp, 12, webp.length);
  }

  private static byte[] riffWebp(byte[] body) {
    ByteBuffer riff = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length);
    riff.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(body);
    return riff.array();
  }

  private static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
    out.writeBytes(data);
    if (data.length % 2 == 1) {
      out.write(0);
    }
  }

  private static byte[] uint24(int value) {
    return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
  }

  private static byte[] resource(String name) {
    try (InputStream in = TestImages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] jpegBytes(BufferedImage image) {
    BufferedImage rgb = image;
    if (image.getColorModel().hasAlpha()) {
      rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      try {
        g.drawImage(image, 0, 0, Color.WHITE, null);
      } finally {
        g.dispose();
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.92f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(rgb, null, null), param);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copyResource(String name, Path file) {
    try (InputStream in = TestImages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
