package dev.reelsmith.activities.images;

/** The reference image formats Reelsmith accepts (PRODUCT.md §1): JPEG, PNG and WebP. */
public enum ImageFormat {
  JPEG("jpeg", "jpg", "image/jpeg"),
  PNG("png", "png", "image/png"),
  WEBP("webp", "webp", "image/webp");

  private final String readerName;
  private final String extension;
  private final String mediaType;

  ImageFormat(String readerName, String extension, String mediaType) {
    this.readerName = readerName;
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** The ImageIO format name of the format's readers. */
  String readerName() {
    return readerName;
  }

  /** The usual file extension, without the dot; what {@code MediaLayout.upload} expects. */
  public String extension() {
    return extension;
  }

  /** The IANA media type, e.g. for a {@code Content-Type} header. */
  public String mediaType() {
    return mediaType;
  }
}
