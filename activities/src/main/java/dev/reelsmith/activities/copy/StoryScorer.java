package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import dev.reelsmith.workflows.messages.Tone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Grades a story 0–100 against an explicit rubric (PRODUCT.md §2): hook (20), clarity (25), brand
 * fit (20), call to action (20) and length (15). Every item says why it got its points, so a low
 * score tells the user what to fix (often the brief: no call to action costs points here). Judges
 * any writer's story the same way.
 */
public final class StoryScorer implements StoryJudge {

  /** The rubric, in the order {@link #score} grades it; LLM judges are told the same. */
  public static final List<Criterion> RUBRIC =
      List.of(
          new Criterion(
              "hook",
              20,
              "The first beat is a hook whose opening line is short (12 words or fewer) and speaks"
                  + " to the viewer: you/your, a question, an exclamation, an imperative or the"
                  + " audience."),
          new Criterion(
              "clarity",
              25,
              "Names the product, the reveal introduces it by name, says what the product is, and"
                  + " sentences average 16 words or fewer."),
          new Criterion(
              "brand fit",
              20,
              "Reuses the description's key words, punctuation and vocabulary suit the tone, and it"
                  + " addresses the brief's audience."),
          new Criterion(
              "call to action",
              20,
              "Ends on a call-to-action beat that uses the brief's own call to action and tells the"
                  + " viewer what to do."),
          new Criterion(
              "length",
              15,
              "The word count is 55-95% of what a voice-over comfortably says in the ad's duration"
                  + " at "
                  + Arc.WORDS_PER_SECOND
                  + " words per second."));

  private static final Pattern URL = Pattern.compile("(?:https?://)?(?:[\\w-]+\\.)+[a-z]{2,}\\S*");
  private static final Set<String> ACTION_VERBS =
      Set.of(
          "order",
          "buy",
          "shop",
          "get",
          "visit",
          "discover",
          "try",
          "grab",
          "bring",
          "book",
          "sign",
          "join",
          "download",
          "start",
          "call",
          "find",
          "experience",
          "treat",
          "own",
          "subscribe",
          "learn",
          "see",
          "explore",
          "reserve",
          "claim",
          "pick",
          "taste",
          "meet");
  private static final Set<String> OPENING_VERBS =
      Set.of(
          "stop",
          "meet",
          "imagine",
          "take",
          "discover",
          "ready",
          "want",
          "think",
          "picture",
          "remember",
          "look",
          "listen",
          "wake",
          "forget",
          "say",
          "here's",
          "psst");
  private static final Map<Tone, Set<String>> LEXICON =
      Map.of(
          Tone.WARM,
              Set.of(
                  "you", "your", "care", "home", "little", "moments", "comfort", "love", "day",
                  "deserve"),
          Tone.ENERGETIC,
              Set.of(
                  "go", "now", "energy", "ready", "fast", "more", "boost", "big", "let's", "pops"),
          Tone.PREMIUM,
              Set.of(
                  "crafted",
                  "considered",
                  "detail",
                  "perfected",
                  "excellence",
                  "quality",
                  "introducing",
                  "refined",
                  "properly",
                  "uncompromising"),
          Tone.PLAYFUL,
              Set.of("psst", "ta-da", "okay", "fancy", "yawn", "grin", "happy", "fun", "oh", "yes"),
          Tone.CALM,
              Set.of(
                  "slow", "calm", "breathe", "gentle", "quiet", "quieter", "simple", "ease",
                  "moment", "soft"),
          Tone.BOLD,
              Set.of(
                  "stop",
                  "demand",
                  "no",
                  "never",
                  "built",
                  "win",
                  "now",
                  "take",
                  "average",
                  "ordinary"));

  /** Scores a story written for {@code brief}. */
  @Override
  public Score score(Brief brief, Story story) {
    ProductFacts facts = ProductFacts.of(brief);
    List<StoryBeat> beats = story.beats();
    String text = Text.normalizeSpace(story.text());
    List<RubricItem> rubric = new ArrayList<>();
    rubric.add(hook(beats, facts));
    rubric.add(clarity(beats, text, facts));
    rubric.add(brandFit(brief, text, facts));
    rubric.add(callToAction(brief, beats));
    rubric.add(length(brief, text));
    return Score.of(rubric);
  }

  private static RubricItem hook(List<StoryBeat> beats, ProductFacts facts) {
    if (beats.isEmpty() || beats.get(0).role() != Role.HOOK) {
      return new RubricItem("hook", 0, 20, "The story does not open with a hook.");
    }
    String first = Text.sentences(beats.get(0).text()).stream().findFirst().orElse("");
    int words = Text.words(first);
    int points = 8;
    List<String> notes = new ArrayList<>();
    if (words <= 12) {
      points += 6;
      notes.add("opens with a short line (" + words + " words)");
    } else if (words <= 18) {
      points += 3;
      notes.add("opens with a longish line (" + words + " words)");
    } else {
      notes.add("opening line is too long to grab attention (" + words + " words)");
    }
    if (speaksToViewer(first, facts)) {
      points += 6;
      notes.add("speaks to the viewer");
    } else {
      notes.add("does not speak to the viewer (no \"you\", question, call or audience)");
    }
    return new RubricItem("hook", points, 20, sentence(notes));
  }

  private static boolean speaksToViewer(String line, ProductFacts facts) {
    String simple = " " + Text.simplify(line) + " ";
    String firstWord = simple.strip().split(" ")[0];
    return simple.contains(" you ")
        || simple.contains(" your ")
        || line.contains("?")
        || line.contains("!")
        || OPENING_VERBS.contains(firstWord)
        || (facts.audienceShort != null && Text.containsPhrase(line, facts.audienceShort));
  }

  private static RubricItem clarity(List<StoryBeat> beats, String text, ProductFacts facts) {
    int points = 0;
    List<String> notes = new ArrayList<>();
    if (Text.containsPhrase(text, facts.name)) {
      points += 7;
      notes.add("names " + facts.name);
    } else {
      notes.add("never names the product");
    }
    boolean revealNames =
        beats.stream()
            .filter(b -> b.role() == Role.REVEAL)
            .anyMatch(b -> Text.containsPhrase(b.text(), facts.name));
    if (revealNames) {
      points += 6;
      notes.add("the reveal introduces it by name");
    } else {
      notes.add("no reveal introduces the product by name");
    }
    if (saysWhatItIs(text, facts)) {
      points += 6;
      notes.add("says what it is");
    } else {
      notes.add("does not say what the product is");
    }
    List<String> sentences = Text.sentences(text);
    double average = sentences.isEmpty() ? 0 : (double) Text.words(text) / sentences.size();
    if (!sentences.isEmpty() && average <= 16) {
      points += 6;
      notes.add(String.format(Locale.ROOT, "sentences are easy to follow (%.0f words)", average));
    } else if (average <= 22) {
      points += 3;
      notes.add(String.format(Locale.ROOT, "sentences run long (%.0f words)", average));
    } else {
      notes.add(String.format(Locale.ROOT, "sentences are too long (%.0f words)", average));
    }
    return new RubricItem("clarity", points, 25, sentence(notes));
  }

  private static boolean saysWhatItIs(String text, ProductFacts facts) {
    if (facts.category != null) {
      String[] words = facts.category.split("\\s+");
      return Text.containsPhrase(text, words[words.length - 1]);
    }
    return reused(text, facts) >= 2;
  }

  private static long reused(String text, ProductFacts facts) {
    Set<String> words = wordsOf(text);
    return facts.keyTerms.stream().filter(words::contains).count();
  }

  private static RubricItem brandFit(Brief brief, String text, ProductFacts facts) {
    int points = 0;
    List<String> notes = new ArrayList<>();
    long reused = reused(text, facts);
    points += reused >= 3 ? 8 : reused == 2 ? 6 : reused == 1 ? 3 : 0;
    notes.add("reuses " + reused + " of the description's key words");
    Tone tone = brief.tone() == null ? Tone.WARM : brief.tone();
    String name = tone.wireName();
    if (punctuationFits(tone, text)) {
      points += 4;
      notes.add("punctuation suits a " + name + " voice");
    } else {
      notes.add("punctuation does not suit a " + name + " voice");
    }
    Set<String> words = wordsOf(text.replace("-", ""));
    Set<String> lexicon = LEXICON.get(tone);
    boolean toneWords =
        lexicon.stream()
            .anyMatch(
                w ->
                    words.contains(w.replace("-", ""))
                        || text.toLowerCase(Locale.ROOT).contains(w));
    if (toneWords) {
      points += 4;
      notes.add("uses " + name + " vocabulary");
    } else {
      notes.add("has no " + name + " vocabulary");
    }
    if (facts.audience == null) {
      points += 4;
      notes.add("no audience in the brief to address");
    } else if (addressesAudience(text, facts)) {
      points += 4;
      notes.add(
          "addresses " + (facts.audienceShort != null ? facts.audienceShort : "the audience"));
    } else {
      notes.add("never addresses the brief's audience");
    }
    return new RubricItem("brand fit", points, 20, sentence(notes));
  }

  private static boolean punctuationFits(Tone tone, String text) {
    return switch (tone) {
      case ENERGETIC -> text.contains("!");
      case PREMIUM, CALM, BOLD -> !text.contains("!");
      case PLAYFUL -> text.contains("!") || text.contains("?");
      case WARM -> !text.contains("!!");
    };
  }

  private static boolean addressesAudience(String text, ProductFacts facts) {
    if (facts.audienceShort != null && Text.containsPhrase(text, facts.audienceShort)) {
      return true;
    }
    if (facts.desire != null && Text.containsPhrase(text, facts.desire)) {
      return true;
    }
    return facts.audience != null && Text.containsPhrase(text, facts.audience);
  }

  private static RubricItem callToAction(Brief brief, List<StoryBeat> beats) {
    StoryBeat last = beats.isEmpty() ? null : beats.get(beats.size() - 1);
    if (last == null || last.role() != Role.CALL_TO_ACTION) {
      return new RubricItem("call to action", 0, 20, "The story does not end on a call to action.");
    }
    int points = 6;
    List<String> notes = new ArrayList<>();
    notes.add("ends on a call to action");
    String cta = brief.callToAction();
    if (cta == null || cta.isBlank()) {
      points += 3;
      notes.add("the brief gives no call to action, so the story falls back on a generic one");
    } else if (Text.containsPhrase(last.text(), Text.stripEnd(cta))) {
      points += 10;
      notes.add("uses the brief's own words");
    } else {
      notes.add("leaves out the brief's call to action (\"" + Text.stripEnd(cta) + "\")");
    }
    String first = Text.simplify(last.text());
    boolean actionable =
        URL.matcher(last.text()).find() || wordsOf(first).stream().anyMatch(ACTION_VERBS::contains);
    if (actionable) {
      points += 4;
      notes.add("tells the viewer what to do");
    } else {
      notes.add("does not say what to do next");
    }
    return new RubricItem("call to action", points, 20, sentence(notes));
  }

  private static RubricItem length(Brief brief, String text) {
    int words = Text.words(text);
    int speakable = Arc.speakableWords(brief.durationSeconds());
    double ratio = speakable == 0 ? 0 : (double) words / speakable;
    String measure =
        String.format(
            Locale.ROOT,
            "%d words for %d s, where a voice-over comfortably says %d",
            words,
            brief.durationSeconds(),
            speakable);
    if (ratio >= 0.55 && ratio <= 0.95) {
      return new RubricItem("length", 15, 15, measure + ": a good fit.");
    }
    if (ratio >= 0.4 && ratio <= 1.1) {
      String how = ratio < 0.55 ? "a little thin" : "a little rushed";
      return new RubricItem("length", 8, 15, measure + ": " + how + ".");
    }
    String how = ratio < 0.4 ? "too little to fill the ad" : "too much to say in time";
    return new RubricItem("length", words == 0 ? 0 : 3, 15, measure + ": " + how + ".");
  }

  private static Set<String> wordsOf(String text) {
    return new HashSet<>(Arrays.asList(Text.simplify(text).split(" ")));
  }

  private static String sentence(List<String> notes) {
    return Text.capitalize(String.join("; ", notes)) + ".";
  }
}
