package dev.reelsmith.activities.copy;

/**
 * The one owner of caption length: what fits on one or two lines of a phone-sized frame at the
 * caption sizes the planner uses.
 */
public final class Captions {

  /** Longest caption, in characters. */
  public static final int MAX_LENGTH = 42;

  private Captions() {}

  /** Whether a caption is non-blank and fits. */
  public static boolean fits(String caption) {
    return caption != null
        && !caption.isBlank()
        && caption.codePointCount(0, caption.length()) <= MAX_LENGTH;
  }

  /**
   * The text as a caption: end punctuation other than "!" and "?" dropped, and cut at a word
   * boundary with an ellipsis when too long.
   */
  public static String fit(String text) {
    String caption = Text.stripPeriod(text.strip());
    if (fits(caption)) {
      return caption;
    }
    return Text.shorten(caption, MAX_LENGTH);
  }
}
