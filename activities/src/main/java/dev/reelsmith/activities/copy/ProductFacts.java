package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a brief says about the product and its buyers, taken apart into phrases that copy can reuse.
 * "Slow-steeped cold brew coffee in a recyclable glass bottle." gives the essence (the whole
 * phrase), the category ("slow-steeped cold brew coffee", head noun "coffee") and a detail ("in a
 * recyclable glass bottle"); later sentences become claims. "busy professionals who want better
 * coffee at home" gives the audience ("busy professionals") and their desire ("better coffee at
 * home").
 */
final class ProductFacts {

  private static final Set<String> ARTICLES = Set.of("a", "an", "the", "our", "your", "this");
  private static final Set<String> SENTENCE_STARTS =
      Set.of("our", "we", "you", "your", "it", "its", "it's", "this", "these", "they", "i", "my");
  private static final Set<String> VERBS =
      Set.of(
          "is",
          "are",
          "was",
          "were",
          "be",
          "keeps",
          "makes",
          "helps",
          "lets",
          "gives",
          "brings",
          "turns",
          "has",
          "have",
          "will",
          "can",
          "does",
          "delivers",
          "offers",
          "combines",
          "uses",
          "features",
          "provides",
          "protects",
          "tracks",
          "saves",
          "feels",
          "works",
          "fits");
  private static final Pattern CATEGORY_END =
      Pattern.compile(
          "\\s+(?:in|with|for|that|which|made|from|to|so|by|on)\\s+|\\s*[,;:—–]\\s*|\\s+-\\s+");
  private static final Pattern LIST_SPLIT = Pattern.compile("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+");
  private static final Pattern AUDIENCE_END =
      Pattern.compile(
          "\\s+(?:who|that|looking|wanting|with|for|in|on)\\s+|\\s*[,;:—–(]\\s*|\\s+-\\s+");
  private static final Pattern DESIRE =
      Pattern.compile(
          "\\b(?:who|that)\\s+(?:want|wants|need|needs|love|loves|crave|craves|deserve|deserves)"
              + "\\s+(.+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> MASS_NOUNS =
      Set.of(
          "coffee",
          "tea",
          "water",
          "juice",
          "milk",
          "wine",
          "beer",
          "chocolate",
          "skincare",
          "software",
          "furniture",
          "clothing",
          "equipment",
          "gear",
          "jewelry",
          "jewellery",
          "makeup",
          "food",
          "bread",
          "honey",
          "oil",
          "soap",
          "shampoo",
          "sauce",
          "cream",
          "serum",
          "kombucha",
          "soda",
          "rice",
          "pasta",
          "granola",
          "cereal",
          "music",
          "art",
          "care",
          "wear",
          "apparel",
          "luggage",
          "paper",
          "ink",
          "yarn",
          "fabric",
          "lotion",
          "sunscreen",
          "perfume",
          "fragrance",
          "cologne",
          "matcha",
          "espresso",
          "brew",
          "gin",
          "vodka",
          "whisky",
          "whiskey",
          "rum",
          "cider",
          "protein",
          "nutrition",
          "bedding",
          "lighting",
          "footwear",
          "eyewear",
          "knitwear",
          "decor",
          "butter",
          "cheese",
          "salt",
          "spice",
          "candy",
          "dough",
          "coverage");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "about", "after", "again", "also", "because", "been", "before", "being", "both", "each",
          "every", "from", "have", "into", "just", "like", "made", "make", "more", "most", "much",
          "only", "other", "over", "same", "some", "such", "than", "that", "their", "them", "then",
          "there", "these", "they", "this", "those", "through", "very", "what", "when", "where",
          "which", "while", "with", "without", "your", "yours", "will", "would", "could", "should");

  final String name;

  /** The first sentence minus its subject; null if there is nothing left. */
  final String essence;

  /** Whether {@link #essence} is a noun phrase ("slow-steeped coffee...") or a full sentence. */
  final boolean essenceIsPhrase;

  /** Whether the essence ends in a clause ("that tracks...") that is also one of the claims. */
  final boolean essenceRepeatsClaim;

  /** The product's kind without article, e.g. "slow-steeped cold brew coffee"; may be null. */
  final String category;

  /** The kind in the plural, for lines like "ordinary coffee" or "ordinary shoes". */
  final String kinds;

  /** Whether {@link #kinds} is a mass noun ("coffee is"), not a plural ("shoes are"). */
  final boolean kindsAreMass;

  /** Phrases about the product from the first sentence, e.g. "in a recyclable glass bottle". */
  final List<String> details;

  /** The description's other sentences, each terminated. */
  final List<String> claims;

  /** The whole audience, lower-cased first, without end punctuation; may be null. */
  final String audience;

  /** The audience's core noun phrase, e.g. "busy professionals"; may be null. */
  final String audienceShort;

  /** What the audience wants, as a noun phrase, e.g. "better coffee at home"; may be null. */
  final String desire;

  /** Content words of the description, in order, for judging whether copy stays on brief. */
  final List<String> keyTerms;

  private ProductFacts(
      String name,
      String essence,
      boolean essenceIsPhrase,
      boolean essenceRepeatsClaim,
      String category,
      String kinds,
      boolean kindsAreMass,
      List<String> details,
      List<String> claims,
      String audience,
      String audienceShort,
      String desire,
      List<String> keyTerms) {
    this.name = name;
    this.essence = essence;
    this.essenceIsPhrase = essenceIsPhrase;
    this.essenceRepeatsClaim = essenceRepeatsClaim;
    this.category = category;
    this.kinds = kinds;
    this.kindsAreMass = kindsAreMass;
    this.details = List.copyOf(details);
    this.claims = List.copyOf(claims);
    this.audience = audience;
    this.audienceShort = audienceShort;
    this.desire = desire;
    this.keyTerms = List.copyOf(keyTerms);
  }

  static ProductFacts of(Brief brief) {
    String name = Text.normalizeSpace(brief.productName());
    List<String> sentences = Text.sentences(brief.description());
    String first = sentences.isEmpty() ? "" : Text.stripEnd(sentences.get(0));
    String essence = withoutSubject(first, name);
    boolean phrase = essence != null && isPhrase(essence);
    String category = null;
    List<String> details = new ArrayList<>();
    List<String> claims = new ArrayList<>();
    boolean repeats = false;
    if (essence != null && phrase) {
      Matcher end = CATEGORY_END.matcher(essence);
      boolean more = end.find();
      String head = more ? essence.substring(0, end.start()) : essence;
      if (more) {
        String rest = essence.substring(end.start()).replaceFirst("^\\s*[,;:—–-]?\\s*", "");
        repeats = collectDetails(rest, details, claims);
      }
      category = withoutArticle(head);
      if (Text.words(category) > 7) {
        category = null;
      } else if (isCountable(lastWord(category))) {
        essence = withArticle(essence);
      }
    } else if (essence != null) {
      essence = Text.capitalize(essence);
    }
    for (int i = 1; i < sentences.size(); i++) {
      String claim = Text.terminate(sentences.get(i));
      int words = Text.words(claim);
      if (words >= 2 && words <= 20) {
        claims.add(Text.capitalize(claim));
      }
    }
    String kinds = category == null ? null : plural(lastWord(category));
    boolean mass =
        category != null && MASS_NOUNS.contains(lastWord(category).toLowerCase(Locale.ROOT));
    String audience =
        brief.audience() == null || brief.audience().isBlank()
            ? null
            : Text.decapitalize(Text.stripEnd(Text.normalizeSpace(brief.audience())));
    String audienceShort = null;
    String desire = null;
    if (audience != null) {
      Matcher end = AUDIENCE_END.matcher(audience);
      String core = withoutArticle(end.find() ? audience.substring(0, end.start()) : audience);
      audienceShort = Text.words(core) >= 1 && Text.words(core) <= 5 ? core : null;
      Matcher wants = DESIRE.matcher(audience);
      if (wants.find()) {
        String wanted = Text.stripEnd(wants.group(1));
        // "want to run faster" is a verb phrase; the templates need a noun phrase.
        boolean nounPhrase = !wanted.toLowerCase(Locale.ROOT).startsWith("to ");
        desire = nounPhrase && Text.words(wanted) <= 8 ? wanted : null;
      }
    }
    return new ProductFacts(
        name,
        essence,
        phrase,
        repeats,
        category,
        kinds,
        mass,
        details,
        claims,
        audience,
        audienceShort,
        desire,
        keyTerms(brief.description()));
  }

  /** "Aurora is a cold brew..." or "It's a cold brew..." to "a cold brew..."; null if empty. */
  private static String withoutSubject(String sentence, String name) {
    if (sentence.isBlank()) {
      return null;
    }
    String quoted = Pattern.quote(name);
    String result =
        sentence
            .replaceFirst("(?i)^(?:the\\s+)?" + quoted + "\\s+(?:is|are|was)\\s+", "")
            .replaceFirst("(?i)^" + quoted + "\\s*[:,—–-]\\s*", "")
            .replaceFirst("(?i)^(?:it|this|they)(?:\\s+is|\\s+are|'s|’s)\\s+", "")
            .strip();
    if (result.isEmpty() || result.equalsIgnoreCase(name)) {
      return null;
    }
    return Text.decapitalize(result);
  }

  /**
   * Whether the text names a thing ("smart water bottle that tracks...") rather than saying
   * something ("our lamp fills your desk..."): no subject pronoun first and no common verb before
   * the first preposition or relative pronoun.
   */
  private static boolean isPhrase(String text) {
    Matcher end = CATEGORY_END.matcher(text);
    String head = end.find() ? text.substring(0, end.start()) : text;
    String[] words = Text.simplify(head).split(" ");
    if (words.length == 0 || SENTENCE_STARTS.contains(words[0])) {
      return false;
    }
    for (int i = 0; i < Math.min(words.length, 8); i++) {
      if (VERBS.contains(words[i])) {
        return false;
      }
    }
    return true;
  }

  /** Collects details and claims from the rest of the essence; true if it made a claim of it. */
  private static boolean collectDetails(String rest, List<String> details, List<String> claims) {
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("that ") || lower.startsWith("which ")) {
      // A relative clause: "that keeps you going" reads as the claim "It keeps you going."
      String clause = rest.substring(rest.indexOf(' ') + 1);
      if (Text.words(clause) >= 2 && Text.words(clause) <= 14) {
        claims.add("It " + Text.terminate(clause));
        return true;
      }
      return false;
    }
    for (String part : LIST_SPLIT.split(rest)) {
      String detail = Text.stripEnd(part);
      int words = Text.words(detail);
      if (words >= 2 && words <= 10) {
        details.add(detail);
      }
    }
    return false;
  }

  /** Whether a head noun is a singular count noun, which needs an article ("a bottle"). */
  private static boolean isCountable(String noun) {
    String lower = noun.toLowerCase(Locale.ROOT);
    return !lower.isEmpty() && !MASS_NOUNS.contains(lower) && !lower.endsWith("s");
  }

  /** "smart water bottle" to "a smart water bottle"; phrases with a determiner stay. */
  static String withArticle(String phrase) {
    String first = phrase.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
    if (ARTICLES.contains(first) || first.matches("\\d.*|one|two|three|every|each|my|his|her")) {
      return phrase;
    }
    return ("aeiou".indexOf(first.charAt(0)) >= 0 ? "an " : "a ") + phrase;
  }

  /**
   * The category as a copywriter would say it after "Meet X:", with its article if it needs one.
   */
  String categoryPhrase() {
    if (category == null) {
      return null;
    }
    return isCountable(lastWord(category)) ? withArticle(category) : category;
  }

  private static String withoutArticle(String phrase) {
    String result = phrase.strip();
    int space = result.indexOf(' ');
    if (space > 0 && ARTICLES.contains(result.substring(0, space).toLowerCase(Locale.ROOT))) {
      result = result.substring(space + 1);
    }
    return result;
  }

  private static String lastWord(String phrase) {
    String[] words = phrase.strip().split("\\s+");
    return words[words.length - 1].replaceAll("[^\\p{L}\\p{N}-]", "");
  }

  /** The plural of a head noun, leaving mass nouns ("coffee") and plurals as they are. */
  static String plural(String noun) {
    String lower = noun.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || MASS_NOUNS.contains(lower) || lower.endsWith("s")) {
      return lower;
    }
    if (lower.endsWith("y")
        && lower.length() > 1
        && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    if (lower.endsWith("ch")
        || lower.endsWith("sh")
        || lower.endsWith("x")
        || lower.endsWith("z")) {
      return lower + "es";
    }
    return lower + "s";
  }

  private static List<String> keyTerms(String description) {
    Set<String> terms = new LinkedHashSet<>();
    for (String word : Text.simplify(description == null ? "" : description).split(" ")) {
      if (word.length() >= 4
          && !STOP_WORDS.contains(word)
          && !word.chars().allMatch(Character::isDigit)) {
        terms.add(word);
      }
    }
    return List.copyOf(terms);
  }
}
