package dev.reelsmith.activities.images;

/**
 * What an image file's header says, learned without decoding its pixels.
 *
 * @param format the format the file's content is in (whatever its name says)
 * @param width the width as the image is meant to be seen, after its EXIF orientation
 * @param height the height as the image is meant to be seen, after its EXIF orientation
 * @param orientation the EXIF orientation, 1 (upright) to 8; 1 when the file has none
 */
public record ImageInfo(ImageFormat format, int width, int height, int orientation) {

  /** Width times height. */
  public long pixels() {
    return (long) width * height;
  }
}
