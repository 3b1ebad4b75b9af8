package dev.reelsmith.activities.images;

/**
 * A file that Reelsmith cannot use as a reference image: not an image, an unsupported format, a
 * damaged or truncated file, or one too large to decode. The message names the file and says what
 * to do about it, so it can be shown to the person who uploaded it as is.
 */
public class InvalidImageException extends Exception {

  private final String fileName;
  private final String reason;

  public InvalidImageException(String fileName, String reason) {
    this(fileName, reason, null);
  }

  public InvalidImageException(String fileName, String reason, Throwable cause) {
    super('"' + fileName + "\" " + reason, cause);
    this.fileName = fileName;
    this.reason = reason;
  }

  /** The name the file was reported under (the user's file name where the caller knew it). */
  public String fileName() {
    return fileName;
  }

  /** What is wrong, without the file name, e.g. "is empty (0 bytes)". */
  public String reason() {
    return reason;
  }
}
