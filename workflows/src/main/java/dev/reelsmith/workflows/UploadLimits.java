package dev.reelsmith.workflows;

/** The one owner of what a generation accepts as reference images (PRODUCT.md §1, §5). */
public final class UploadLimits {

  public static final int MIN_IMAGES = 1;
  public static final int MAX_IMAGES = 10;

  /** Phone photos are 2–8 MB; 15 MB leaves room for high-quality PNGs. */
  public static final long MAX_IMAGE_BYTES = 15L * 1024 * 1024;

  /** 40 MP decodes to 160 MB of pixels; anything larger is a mistake or a decompression bomb. */
  public static final long MAX_IMAGE_PIXELS = 40_000_000L;

  private UploadLimits() {}
}
