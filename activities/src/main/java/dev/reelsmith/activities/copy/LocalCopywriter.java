package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default copywriter: rule-based, offline, and deterministic (the same brief and images always
 * give the same words), yet it writes copy a person could air.
 *
 * <p>It takes the brief apart ({@link ProductFacts}: what the product is, its details and claims,
 * who it is for and what they want), speaks in the brief's tone ({@link Voice}: each tone has its
 * own lines, rhythm and punctuation), mentions what the photos show (the hero image's colour and
 * light), and fits the words to the ad's length at a relaxed voice-over pace ({@link
 * Arc#WORDS_PER_SECOND}). The story always runs the whole arc; the scenes carry as much of it as
 * their count and durations allow.
 */
public final class LocalCopywriter implements Copywriter {

  /** Share of the speakable words the story may use, leaving the voice room to breathe. */
  private static final double WORD_BUDGET = 0.9;

  /** Words a caption cannot end on without sounding cut off. */
  private static final Set<String> DANGLING =
      Set.of(
          "want", "wants", "need", "needs", "to", "who", "that", "which", "and", "but", "so", "for",
          "the", "a", "an", "with", "of", "in", "on", "at", "your", "our", "their", "is", "are",
          "how", "you");

  private static final Pattern DOMAIN =
      Pattern.compile("(?:https?://)?((?:[\\w-]+\\.)+[a-z]{2,})(/\\S*)?", Pattern.CASE_INSENSITIVE);

  @Override
  public Story writeStory(Brief brief, List<ImageAnalysis> images) {
    ProductFacts facts = ProductFacts.of(brief);
    Voice voice = Voice.of(brief.tone());
    Random random = new Random(Seeds.of(brief));
    ImageAnalysis hero = images.isEmpty() ? null : ImageLooks.hero(images);
    Map<String, String> values = values(brief, facts, hero);

    Draft hook = new Draft(Role.HOOK, options(voice.hooks(), values, random));
    hook.extensions.addAll(hook.options.subList(1, Math.min(2, hook.options.size())));
    Draft problem = new Draft(Role.PROBLEM, options(voice.problems(), values, random));
    problem.extensions.addAll(problem.options.subList(1, Math.min(2, problem.options.size())));
    Draft reveal = new Draft(Role.REVEAL, revealOptions(voice, facts, values, random));
    pick(voice.looks(), values, random).ifPresent(reveal.extensions::add);
    List<Draft> benefits = benefitDrafts(brief, voice, facts, values, random);
    Draft cta = new Draft(Role.CALL_TO_ACTION, ctaOptions(brief, voice, values, random));
    pick(voice.closers(), values, random).ifPresent(cta.extensions::add);

    List<Draft> drafts = new ArrayList<>();
    drafts.add(hook);
    drafts.add(problem);
    drafts.add(reveal);
    drafts.addAll(benefits);
    drafts.add(cta);
    List<Draft> extensionOrder = new ArrayList<>();
    extensionOrder.add(reveal);
    extensionOrder.addAll(benefits);
    extensionOrder.add(hook);
    extensionOrder.add(problem);
    extensionOrder.add(cta);
    List<List<Draft>> shortenGroups = List.of(List.of(problem, hook, reveal, cta), benefits);
    fit(drafts, shortenGroups, extensionOrder, budget(brief.durationSeconds()));

    List<StoryBeat> beats = drafts.stream().map(d -> new StoryBeat(d.role, d.text())).toList();
    String title = facts.name + " — " + Text.stripPeriod(Text.sentences(hook.text()).get(0));
    return new Story(title, beats, null);
  }

  @Override
  public List<Scene> planScenes(Brief brief, Story story, List<ImageAnalysis> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("scenes need at least one reference image");
    }
    ProductFacts facts = ProductFacts.of(brief);
    Voice voice = Voice.of(brief.tone());
    Random random = new Random(Seeds.of(brief) ^ 0x5CE7E5L);
    Map<String, String> values = values(brief, facts, ImageLooks.hero(images));
    List<Role> roles = Arc.scenes(brief.sceneCount());
    double[] durations = durations(roles, brief.durationSeconds());
    int[] imageIndexes = assignImages(roles, images);

    String hook = beat(story, Role.HOOK).orElseGet(() -> first(voice.hooks(), values));
    String problem = beat(story, Role.PROBLEM).orElse(null);
    String reveal =
        beat(story, Role.REVEAL)
            .orElseGet(() -> Voice.fill(voice.revealShort(), values).orElseThrow());
    String cta =
        beat(story, Role.CALL_TO_ACTION).orElseGet(() -> first(ctaTemplates(brief, voice), values));
    int benefitScenes = (int) roles.stream().filter(r -> r == Role.BENEFIT).count();
    List<String> benefitTexts = benefitTexts(story, benefitScenes, voice, values, random);
    boolean problemScene = roles.contains(Role.PROBLEM);

    List<Scene> scenes = new ArrayList<>();
    Set<String> usedCaptions = new HashSet<>();
    int benefit = 0;
    for (int i = 0; i < roles.size(); i++) {
      Role role = roles.get(i);
      int budget = Math.max(4, Arc.speakableWords(durations[i]));
      String narration =
          switch (role) {
            case HOOK -> narrate(budget, List.of(), hook, problemScene ? null : problem);
            case PROBLEM ->
                narrate(
                    budget, List.of(), problem != null ? problem : first(voice.problems(), values));
            case REVEAL ->
                narrate(budget, List.of(), reveal, benefitScenes > 0 ? null : firstBenefit(story));
            case BENEFIT -> narrate(budget, List.of(), benefitTexts.get(benefit++));
            case CALL_TO_ACTION -> narrate(budget, mustKeep(brief), cta);
          };
      String caption = caption(role, narration, brief, facts, voice, values);
      if (role == Role.BENEFIT && usedCaptions.contains(caption)) {
        caption = Captions.fit(Text.stripPeriod(Text.sentences(narration).get(0)));
      }
      usedCaptions.add(caption);
      ImageAnalysis image = byIndex(images, imageIndexes[i]);
      String visual = visual(role, image, facts, voice);
      scenes.add(new Scene(i + 1, role, narration, caption, visual, durations[i], imageIndexes[i]));
    }
    return List.copyOf(scenes);
  }

  // ------------------------------------------------------------------ story

  private static Map<String, String> values(Brief brief, ProductFacts facts, ImageAnalysis hero) {
    Map<String, String> values = new HashMap<>();
    values.put("product", facts.name);
    values.put("aud", facts.audienceShort);
    if (facts.audience != null && Text.words(facts.audience) <= 14) {
      values.put("audience", facts.audience);
    }
    values.put("desire", facts.desire);
    values.put("kinds", facts.kinds);
    values.put("are", facts.kindsAreMass ? "is" : "are");
    if (facts.essence != null && Text.words(facts.essence) <= 18) {
      values.put("essence", facts.essence);
    }
    values.put("color", ImageLooks.colorPhrase(hero));
    if (brief.callToAction() != null && !brief.callToAction().isBlank()) {
      String cta = Text.stripEnd(Text.normalizeSpace(brief.callToAction()));
      values.put("cta", cta);
      values.put("cta_lower", Text.decapitalize(cta));
    }
    return values;
  }

  /**
   * The templates that can be filled: those that speak to this brief (audience, desire, kind)
   * first, then the general ones; each group in a seeded order.
   */
  private static List<String> options(
      List<String> templates, Map<String, String> values, Random random) {
    List<String> personal = new ArrayList<>();
    List<String> general = new ArrayList<>();
    for (String template : templates) {
      boolean specific = template.matches(".*\\{(?i:aud|desire|kinds|audience|essence)}.*");
      Voice.fill(template, values).ifPresent(line -> (specific ? personal : general).add(line));
    }
    Collections.shuffle(personal, random);
    Collections.shuffle(general, random);
    List<String> all = new ArrayList<>(personal);
    all.addAll(general);
    return all;
  }

  private static Optional<String> pick(
      List<String> templates, Map<String, String> values, Random random) {
    List<String> lines = options(templates, values, random);
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0));
  }

  private static String first(List<String> templates, Map<String, String> values) {
    for (String template : templates) {
      Optional<String> line = Voice.fill(template, values);
      if (line.isPresent()) {
        return line.get();
      }
    }
    throw new IllegalStateException("no line can be filled from " + templates);
  }

  private static List<String> revealOptions(
      Voice voice, ProductFacts facts, Map<String, String> values, Random random) {
    List<String> essenceOptions = new ArrayList<>();
    List<String> categoryOptions = new ArrayList<>();
    // "Meet Lumen Candle: a candle." says nothing the name did not.
    boolean nameSaysIt =
        facts.category != null && Text.containsPhrase(facts.name, lastWord(facts.category));
    boolean shortEssence = facts.essence != null && Text.words(facts.essence) <= 3;
    if (values.containsKey("essence") && !(nameSaysIt && shortEssence)) {
      essenceOptions.addAll(
          options(
              facts.essenceIsPhrase ? voice.reveals() : voice.revealSentences(), values, random));
    }
    String category = facts.categoryPhrase();
    if (category != null && !category.equals(facts.essence) && !nameSaysIt) {
      Map<String, String> shorter = new HashMap<>(values);
      shorter.put("essence", category);
      categoryOptions.addAll(options(voice.reveals(), shorter, random));
    }
    List<String> options = new ArrayList<>();
    // When the essence's clause is already a benefit, name the category and let the benefit speak.
    if (facts.essenceRepeatsClaim) {
      options.addAll(categoryOptions);
      options.addAll(essenceOptions);
    } else {
      options.addAll(essenceOptions);
      options.addAll(categoryOptions);
    }
    options.add(Voice.fill(voice.revealShort(), values).orElseThrow());
    return options;
  }

  private static String lastWord(String phrase) {
    String[] words = phrase.strip().split("\\s+");
    return words[words.length - 1];
  }

  private static List<String> ctaTemplates(Brief brief, Voice voice) {
    boolean given = brief.callToAction() != null && !brief.callToAction().isBlank();
    return given ? voice.callsToAction() : voice.defaultCallsToAction();
  }

  private static List<String> ctaOptions(
      Brief brief, Voice voice, Map<String, String> values, Random random) {
    return options(ctaTemplates(brief, voice), values, random);
  }

  /**
   * As many benefit beats as the scenes need, from the brief's own claims first, then its details,
   * then who it is for, then the tone's general lines. Lines left over become extensions.
   */
  private static List<Draft> benefitDrafts(
      Brief brief, Voice voice, ProductFacts facts, Map<String, String> values, Random random) {
    Set<String> pool = new LinkedHashSet<>();
    for (String claim : facts.claims) {
      pool.add(voice.punctuation().apply(claim));
    }
    for (String detail : facts.details) {
      Map<String, String> withDetail = new HashMap<>(values);
      withDetail.put("detail", detail);
      Voice.fill(voice.details().get(Voice.Detail.of(detail)), withDetail).ifPresent(pool::add);
    }
    Voice.fill(voice.audienceLine(), values).ifPresent(pool::add);
    List<String> general = options(voice.benefits(), values, random);
    pool.addAll(general);
    List<String> lines = new ArrayList<>(pool);
    int count = Arc.benefits(brief.sceneCount());
    String shortest = general.stream().min(Comparator.comparingInt(Text::words)).orElseThrow();
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String line = i < lines.size() ? lines.get(i) : general.get(i % general.size());
      List<String> choices = new ArrayList<>(List.of(line));
      if (!line.equals(shortest)) {
        choices.add(shortest);
      }
      drafts.add(new Draft(Role.BENEFIT, choices));
    }
    for (int k = count; k < Math.min(lines.size(), 3 * count); k++) {
      drafts.get((k - count) % count).extensions.add(lines.get(k));
    }
    return drafts;
  }

  /** Words a story for this length may use. */
  private static int budget(int durationSeconds) {
    return (int) Math.floor(Arc.speakableWords(durationSeconds) * WORD_BUDGET);
  }

  /**
   * Steps beats down to shorter options until the story fits, group by group (the beats a scene cut
   * is least likely to carry first; the brand's own benefit claims last); then adds extensions, in
   * {@code extensionOrder}, while they fit.
   */
  private static void fit(
      List<Draft> drafts, List<List<Draft>> shortenGroups, List<Draft> extensionOrder, int budget) {
    for (List<Draft> group : shortenGroups) {
      boolean shortened = true;
      while (words(drafts) > budget && shortened) {
        shortened = false;
        for (Draft draft : group) {
          if (words(drafts) > budget && draft.shorten()) {
            shortened = true;
          }
        }
      }
    }
    for (int round = 0; round < 3; round++) {
      for (Draft draft : extensionOrder) {
        if (round < draft.extensions.size()) {
          String extension = draft.extensions.get(round);
          if (!draft.text().contains(extension)
              && words(drafts) + Text.words(extension) <= budget) {
            draft.added.add(extension);
          }
        }
      }
    }
  }

  private static int words(List<Draft> drafts) {
    return drafts.stream().mapToInt(d -> Text.words(d.text())).sum();
  }

  /** One beat while it is being written: its options, the one chosen, and what was added. */
  private static final class Draft {
    final Role role;
    final List<String> options;
    final List<String> extensions = new ArrayList<>();
    final List<String> added = new ArrayList<>();
    int choice;

    Draft(Role role, List<String> options) {
      if (options.isEmpty()) {
        throw new IllegalStateException("no line for the " + role + " beat");
      }
      this.role = role;
      this.options = List.copyOf(options);
    }

    String chosen() {
      return options.get(choice);
    }

    /**
     * Switches to the longest option at least two words shorter than the current one (or, failing
     * that, any shorter one); false if there is none.
     */
    boolean shorten() {
      int current = Text.words(chosen());
      int best = -1;
      for (int margin : new int[] {2, 1}) {
        for (int i = 0; i < options.size(); i++) {
          int words = Text.words(options.get(i));
          if (words <= current - margin && (best < 0 || words > Text.words(options.get(best)))) {
            best = i;
          }
        }
        if (best >= 0) {
          break;
        }
      }
      if (best < 0) {
        return false;
      }
      choice = best;
      return true;
    }

    String text() {
      List<String> parts = new ArrayList<>();
      parts.add(chosen());
      parts.addAll(added);
      return String.join(" ", parts);
    }
  }

  // ------------------------------------------------------------------ scenes

  private static Optional<String> beat(Story story, Role role) {
    return story.beats().stream()
        .filter(b -> b.role() == role && b.text() != null && !b.text().isBlank())
        .map(b -> Text.normalizeSpace(b.text()))
        .findFirst();
  }

  private static String firstBenefit(Story story) {
    return beat(story, Role.BENEFIT).orElse(null);
  }

  /**
   * One text per benefit scene: the story's benefit beats in order, split by sentence when there
   * are fewer beats than scenes, topped up with the tone's general lines when even that falls
   * short; extra beats join the last benefit scene.
   */
  private static List<String> benefitTexts(
      Story story, int scenes, Voice voice, Map<String, String> values, Random random) {
    if (scenes == 0) {
      return List.of();
    }
    List<String> beats =
        story.beats().stream()
            .filter(b -> b.role() == Role.BENEFIT && b.text() != null && !b.text().isBlank())
            .map(b -> Text.normalizeSpace(b.text()))
            .toList();
    List<String> texts = new ArrayList<>();
    if (beats.size() >= scenes) {
      texts.addAll(beats.subList(0, scenes - 1));
      texts.add(String.join(" ", beats.subList(scenes - 1, beats.size())));
      return texts;
    }
    List<String> sentences = new ArrayList<>();
    beats.forEach(b -> sentences.addAll(Text.sentences(b)));
    if (sentences.size() < scenes) {
      for (String line : options(voice.benefits(), values, random)) {
        if (sentences.size() < scenes && !sentences.contains(line)) {
          sentences.add(line);
        }
      }
    }
    while (sentences.size() < scenes) {
      sentences.add(sentences.get(sentences.size() % Math.max(1, sentences.size())));
    }
    // Contiguous runs of sentences, as even as possible.
    int start = 0;
    for (int k = 0; k < scenes; k++) {
      int end = start + (sentences.size() - start) / (scenes - k);
      texts.add(String.join(" ", sentences.subList(start, end)));
      start = end;
    }
    return texts;
  }

  /** Sentences that the call to action must keep: the one with the brief's own words. */
  private static List<String> mustKeep(Brief brief) {
    if (brief.callToAction() == null || brief.callToAction().isBlank()) {
      return List.of();
    }
    return List.of(Text.stripEnd(Text.normalizeSpace(brief.callToAction())));
  }

  /**
   * The scene's voice-over: the main text's sentences while they fit the scene's word budget (the
   * first always, and any that hold a must-keep phrase), then the optional text if it fits whole.
   */
  private static String narrate(int budget, List<String> keep, String main, String... optional) {
    List<String> sentences = Text.sentences(main);
    List<String> chosen = new ArrayList<>();
    int words = 0;
    for (int i = 0; i < sentences.size(); i++) {
      String sentence = sentences.get(i);
      boolean required = i == 0 || keep.stream().anyMatch(k -> Text.containsPhrase(sentence, k));
      int w = Text.words(sentence);
      if (required || words + w <= budget) {
        chosen.add(sentence);
        words += w;
      }
    }
    for (String extra : optional) {
      if (extra != null && words + Text.words(extra) <= budget) {
        chosen.add(extra);
        words += Text.words(extra);
      }
    }
    return String.join(" ", chosen);
  }

  private static String caption(
      Role role,
      String narration,
      Brief brief,
      ProductFacts facts,
      Voice voice,
      Map<String, String> values) {
    String firstSentence = Text.stripPeriod(Text.sentences(narration).get(0));
    return switch (role) {
      case HOOK -> Captions.fits(firstSentence) ? firstSentence : voice.hookCaption();
      case PROBLEM -> Captions.fits(firstSentence) ? firstSentence : voice.problemCaption();
      case REVEAL -> {
        String meet = Voice.fill(voice.revealCaption(), values).orElse(facts.name);
        yield Captions.fits(meet) ? meet : Captions.fit(facts.name);
      }
      case BENEFIT -> {
        if (Captions.fits(firstSentence)) {
          yield firstSentence;
        }
        String clause = longestLeadingClauses(firstSentence);
        yield clause != null && Text.words(clause) >= 2 ? clause : voice.benefitCaption();
      }
      case CALL_TO_ACTION -> ctaCaption(brief, facts);
    };
  }

  /**
   * The longest run of leading clauses ("No sugar, no bitterness") that fits as a caption and does
   * not end on a word that needs more after it ("Made for people who want").
   */
  private static String longestLeadingClauses(String sentence) {
    String[] clauses =
        sentence.split("(?<=[,:;—–])\\s+|\\s+(?=(?:and|but|so|who|that|which|to)\\s)");
    String best = null;
    StringBuilder run = new StringBuilder();
    for (String clause : clauses) {
      if (run.length() > 0) {
        run.append(' ');
      }
      run.append(clause);
      String candidate = Text.stripPeriod(run.toString());
      if (!Captions.fits(candidate)) {
        break;
      }
      String[] words = Text.simplify(candidate).split(" ");
      if (!DANGLING.contains(words[words.length - 1])) {
        best = candidate;
      }
    }
    return best;
  }

  /**
   * The brief's call to action when it fits on screen; otherwise its web address, its first clause,
   * or a word-boundary cut. Without one: "Discover" and the product.
   */
  static String ctaCaption(Brief brief, ProductFacts facts) {
    if (brief.callToAction() == null || brief.callToAction().isBlank()) {
      String discover = "Discover " + facts.name;
      return Captions.fits(discover) ? discover : Captions.fit(facts.name);
    }
    String cta = Text.stripPeriod(Text.normalizeSpace(brief.callToAction()));
    if (Captions.fits(cta)) {
      return cta;
    }
    Matcher domain = DOMAIN.matcher(cta);
    if (domain.find()) {
      String visit = "Visit " + domain.group(1) + (domain.group(2) == null ? "" : domain.group(2));
      if (Captions.fits(visit)) {
        return visit;
      }
      if (Captions.fits("Visit " + domain.group(1))) {
        return "Visit " + domain.group(1);
      }
    }
    String clause = Text.stripPeriod(cta.split("\\s*[.;:!?—–]\\s+|,\\s+")[0]);
    if (Captions.fits(clause) && Text.words(clause) >= 2) {
      return clause;
    }
    return Captions.fit(cta);
  }

  private static String visual(Role role, ImageAnalysis image, ProductFacts facts, Voice voice) {
    String shot =
        switch (role) {
          case HOOK -> "Opening shot";
          case PROBLEM -> "Close, unhurried detail shot";
          case REVEAL -> "Hero shot";
          case BENEFIT -> "Detail shot";
          case CALL_TO_ACTION -> "End card";
        };
    String move =
        switch (role) {
          case HOOK -> "slow push-in toward the subject";
          case PROBLEM -> "slow drift across the frame";
          case REVEAL -> "pull back to reveal " + facts.name;
          case BENEFIT -> "gentle pan across the details";
          case CALL_TO_ACTION -> "slow settle on the product, with room for the call to action";
        };
    String subject =
        image.transparent()
            ? facts.name + " cut out on a clean backdrop"
            : facts.name + " " + ImageLooks.position(image);
    return String.format(
        "%s on reference image %d (%s, %s): %s; %s. Mood: %s.",
        shot,
        image.index(),
        ImageLooks.colours(image),
        ImageLooks.light(image),
        subject,
        move,
        voice.mood());
  }

  /**
   * Screen time per scene in tenths of a second, by {@link Arc#weight}, adding up exactly to the
   * ad's length.
   */
  static double[] durations(List<Role> roles, int totalSeconds) {
    int tenths = totalSeconds * 10;
    double weights = roles.stream().mapToDouble(Arc::weight).sum();
    int[] shares = new int[roles.size()];
    double[] remainders = new double[roles.size()];
    int assigned = 0;
    for (int i = 0; i < roles.size(); i++) {
      double exact = tenths * Arc.weight(roles.get(i)) / weights;
      shares[i] = (int) Math.floor(exact);
      remainders[i] = exact - shares[i];
      assigned += shares[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < roles.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparing(i -> i));
    for (int k = 0; k < tenths - assigned; k++) {
      shares[order.get(k % order.size())]++;
    }
    double[] seconds = new double[roles.size()];
    for (int i = 0; i < roles.size(); i++) {
      seconds[i] = shares[i] / 10.0;
    }
    return seconds;
  }

  /**
   * A reference image per scene: the hero image on the reveal, and the others around it in index
   * order, cycling, so that no two neighbouring scenes share an image (given two or more) and every
   * image is used when there are at least as many scenes as images.
   */
  static int[] assignImages(List<Role> roles, List<ImageAnalysis> images) {
    ImageAnalysis hero = ImageLooks.hero(images);
    List<Integer> cycle = new ArrayList<>();
    images.stream()
        .map(ImageAnalysis::index)
        .sorted()
        .filter(index -> index != hero.index())
        .forEach(cycle::add);
    cycle.add(hero.index());
    int m = cycle.size();
    int reveal = roles.indexOf(Role.REVEAL);
    int[] assigned = new int[roles.size()];
    for (int i = 0; i < roles.size(); i++) {
      assigned[i] = cycle.get(Math.floorMod(i - reveal + m - 1, m));
    }
    return assigned;
  }

  private static ImageAnalysis byIndex(List<ImageAnalysis> images, int index) {
    return images.stream().filter(i -> i.index() == index).findFirst().orElseThrow();
  }
}
