package dev.reelsmith.activities.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small, careful string work for copy: sentences, words, casing and shortening. */
final class Text {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Text() {}

  static String normalizeSpace(String text) {
    return text == null ? "" : WHITESPACE.matcher(text.strip()).replaceAll(" ");
  }

  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(normalizeSpace(text))) {
      if (!sentence.isBlank()) {
        sentences.add(sentence.strip());
      }
    }
    return sentences;
  }

  static int words(String text) {
    String normalized = normalizeSpace(text);
    return normalized.isEmpty() ? 0 : WHITESPACE.split(normalized).length;
  }

  static String capitalize(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }

  /**
   * The first letter lowered, unless the first word looks like a name or an acronym (a capital
   * after its first letter, as in "iPhone" or "USB").
   */
  static String decapitalize(String text) {
    if (text == null || text.length() < 2) {
      return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
    int end = text.indexOf(' ');
    String firstWord = end < 0 ? text : text.substring(0, end);
    for (int i = 1; i < firstWord.length(); i++) {
      if (Character.isUpperCase(firstWord.charAt(i))) {
        return text;
      }
    }
    return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  /** Drops trailing periods, commas, colons and semicolons (keeps "!" and "?"). */
  static String stripPeriod(String text) {
    String result = text.strip();
    while (!result.isEmpty() && ".,;:…".indexOf(result.charAt(result.length() - 1)) >= 0) {
      result = result.substring(0, result.length() - 1).strip();
    }
    return result;
  }

  /** Drops all trailing punctuation. */
  static String stripEnd(String text) {
    String result = stripPeriod(text);
    while (!result.isEmpty() && "!?".indexOf(result.charAt(result.length() - 1)) >= 0) {
      result = result.substring(0, result.length() - 1).strip();
    }
    return result;
  }

  /** The sentence ending with {@code mark} instead of whatever it ended with. */
  static String endWith(String sentence, char mark) {
    return stripEnd(sentence) + mark;
  }

  /** Ends the sentence with a period unless it already ends with a mark. */
  static String terminate(String sentence) {
    String s = sentence.strip();
    if (s.isEmpty()) {
      return s;
    }
    char last = s.charAt(s.length() - 1);
    return ".!?…".indexOf(last) >= 0 ? s : s + ".";
  }

  /** At most {@code max} characters, cut at a word boundary, with an ellipsis when cut. */
  static String shorten(String text, int max) {
    String s = normalizeSpace(text);
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    int limit = s.offsetByCodePoints(0, max - 1);
    int cut = s.lastIndexOf(' ', limit);
    String head = cut > max / 3 ? s.substring(0, cut) : s.substring(0, limit);
    return stripEnd(head.replaceAll("[,;:–—-]+$", "").strip()) + "…";
  }

  /** Whether {@code text} contains {@code phrase} as whole words, ignoring case. */
  static boolean containsPhrase(String text, String phrase) {
    if (text == null || phrase == null || phrase.isBlank()) {
      return false;
    }
    String haystack = " " + simplify(text) + " ";
    String needle = " " + simplify(phrase) + " ";
    return haystack.contains(needle);
  }

  /** Lower case, letters, digits and single spaces only. */
  static String simplify(String text) {
    return normalizeSpace(text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " "));
  }
}
