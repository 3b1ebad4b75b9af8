package dev.reelsmith.workflows;

import java.util.Set;

/**
 * The one owner of what a generation accepts as reference images and of the size of the upload that
 * carries them (PRODUCT.md §1, §5). The brief's own limits are {@link Briefs}'.
 */
public final class UploadLimits {

  public static final int MIN_IMAGES = 1;
  public static final int MAX_IMAGES = 10;

  /** Phone photos are 2–8 MB; 15 MB leaves room for high-quality PNGs. */
  public static final long MAX_IMAGE_BYTES = 15L * 1024 * 1024;

  /** 40 MP decodes to 160 MB of pixels; anything larger is a mistake or a decompression bomb. */
  public static final long MAX_IMAGE_PIXELS = 40_000_000L;

  /** A music file: a few minutes of MP3, or a minute of WAV at CD quality. */
  public static final long MAX_MUSIC_BYTES = 20L * 1024 * 1024;

  /** Music files accepted, by extension; their contents are decoded to check them. */
  public static final Set<String> MUSIC_EXTENSIONS =
      Set.of("wav", "mp3", "m4a", "aac", "ogg", "oga", "opus");

  /**
   * Parts of one upload: the brief and ten images, with room for a few stray parts so that a form
   * with an extra field is told which one, rather than only that there are too many.
   */
  public static final int MAX_PARTS = 16;

  /**
   * One whole upload: ten images at their limits, the brief, and a megabyte for the parts' headers.
   * A request announcing more is refused before a byte of its body is read; music counts against it
   * too, so ten images at their limit leave no room for music.
   */
  public static final long MAX_UPLOAD_BYTES = MAX_IMAGES * MAX_IMAGE_BYTES + 1024 * 1024;

  /**
   * The longest file name kept to show an image by; a longer one is cut. Names are for people only:
   * stored files are named by their position.
   */
  public static final int MAX_FILE_NAME = 120;

  private UploadLimits() {}

  /** Bytes as whole megabytes, rounded up, for messages: "16 MB". */
  public static String megabytes(long bytes) {
    return (bytes + 1024 * 1024 - 1) / (1024 * 1024) + " MB";
  }
}
