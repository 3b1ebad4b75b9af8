package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Tone;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each tone speaks: its lines for every beat of the arc, its punctuation and its look. Lines
 * are templates; {@code {aud}}, {@code {desire}}, {@code {kinds}}, {@code {product}}, {@code
 * {essence}}, {@code {detail}}, {@code {color}}, {@code {audience}}, {@code {cta}} and {@code
 * {rest}} are filled from the brief, and a capital first letter ({@code {Aud}}) capitalises the
 * value. A line whose values are missing is skipped.
 */
record Voice(
    Tone tone,
    List<String> hooks,
    List<String> problems,
    List<String> reveals,
    List<String> revealSentences,
    String revealShort,
    String revealCaption,
    Map<Detail, String> details,
    List<String> looks,
    String audienceLine,
    List<String> benefits,
    List<String> callsToAction,
    List<String> defaultCallsToAction,
    List<String> closers,
    String hookCaption,
    String problemCaption,
    String benefitCaption,
    Punctuation punctuation,
    String mood) {

  /** How a detail phrase begins, which decides the line that carries it. */
  enum Detail {
    IN,
    WITH,
    MADE,
    NOUN;

    static Detail of(String detail) {
      String first = detail.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
      return switch (first) {
        case "in", "inside" -> IN;
        case "with" -> WITH;
        case "for", "from", "made", "crafted", "built" -> MADE;
        default -> NOUN;
      };
    }
  }

  /** What the tone does with the brand's own sentences. */
  enum Punctuation {
    /** Exclaims: a closing period becomes "!". */
    EXCLAIM,
    /** Never exclaims: a closing "!" becomes a period. */
    PLAIN,
    /** Leaves the brand's punctuation alone. */
    ASIS;

    String apply(String sentence) {
      String s = Text.terminate(sentence);
      return switch (this) {
        case EXCLAIM -> s.endsWith(".") ? Text.endWith(s, '!') : s;
        case PLAIN -> s.endsWith("!") ? Text.endWith(s, '.') : s;
        case ASIS -> s;
      };
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

  /** The template with its values, or empty when one of them is missing. */
  static Optional<String> fill(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String key = matcher.group(1);
      String value = values.get(key.toLowerCase(Locale.ROOT));
      if (value == null || value.isBlank()) {
        return Optional.empty();
      }
      if (Character.isUpperCase(key.charAt(0))) {
        value = Text.capitalize(value);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return Optional.of(out.toString());
  }

  static Voice of(Tone tone) {
    return switch (tone == null ? Tone.WARM : tone) {
      case WARM -> warm();
      case ENERGETIC -> energetic();
      case PREMIUM -> premium();
      case PLAYFUL -> playful();
      case CALM -> calm();
      case BOLD -> bold();
    };
  }

  private static Voice warm() {
    return new Voice(
        Tone.WARM,
        List.of(
            "You deserve {desire}.",
            "For {aud}, the little things matter most.",
            "Some days ask for a little more care.",
            "Here's to the small moments that make a day yours."),
        List.of(
            "Between everything on your plate, {desire} can feel out of reach.",
            "You've made do with ordinary {kinds} for long enough.",
            "Life gets busy, and the good things are often the first to slip.",
            "Too often, good enough has to do."),
        List.of("Meet {product}: {essence}.", "That's why we made {product}: {essence}."),
        List.of("Meet {product}. {Essence}.", "That's why we made {product}. {Essence}."),
        "Meet {product}.",
        "Meet {product}",
        Map.of(
            Detail.IN, "And it comes {detail}.",
            Detail.WITH, "And it comes {detail}.",
            Detail.MADE, "{Detail}, with care.",
            Detail.NOUN, "And there's {detail}, too."),
        List.of(
            "In {color}, it's every bit as inviting as it looks.",
            "Just look at that {color}: it feels right at home."),
        "Made for {audience}.",
        List.of(
            "It's the kind of thing you'll reach for every day.",
            "Made with care, so you can simply enjoy it.",
            "Little comforts, done right."),
        List.of("{Cta}."),
        List.of("Bring {product} home today.", "Discover {product} today."),
        List.of("You'll wonder how you ever did without it.", "Your day will thank you."),
        "Made with you in mind",
        "Sound familiar?",
        "Made with care",
        Punctuation.ASIS,
        "soft, warm natural light; inviting and homely");
  }

  private static Voice energetic() {
    return new Voice(
        Tone.ENERGETIC,
        List.of(
            "{Aud}, this one's for you!",
            "Want {desire}? Let's go!",
            "Ready for more? Let's go!",
            "Big energy starts right here!"),
        List.of(
            "Tired of boring {kinds}? Same!",
            "Why wait for {desire}?",
            "No time? No energy? No problem!",
            "Slow and ordinary? Not today!"),
        List.of("Say hello to {product}: {essence}!", "Meet {product}: {essence}!"),
        List.of("Say hello to {product}! {Essence}!", "Meet {product}! {Essence}!"),
        "Say hello to {product}!",
        "Say hello to {product}!",
        Map.of(
            Detail.IN, "Now {detail}!",
            Detail.WITH, "Now {detail}!",
            Detail.MADE, "{Detail}!",
            Detail.NOUN, "Plus {detail}!"),
        List.of("{Color}, bold and ready to go!", "That {color}? It pops!"),
        "Made for {audience}!",
        List.of(
            "More of what you love, none of the hassle!",
            "Fast, fun and totally you!",
            "Zero waiting. All go!"),
        List.of("{Cta}!"),
        List.of("Grab {product} today!", "Get {product} now!"),
        List.of("Don't miss out!", "Let's go!"),
        "Let's go!",
        "No more boring!",
        "All the energy!",
        Punctuation.EXCLAIM,
        "vivid colour, dynamic energy, bright punchy light");
  }

  private static Voice premium() {
    return new Voice(
        Tone.PREMIUM,
        List.of(
            "For {aud} who expect more.",
            "{Desire}, perfected.",
            "Some things are worth doing properly.",
            "Excellence is never an accident."),
        List.of(
            "Most {kinds} {are} made to be forgotten.",
            "Too much is made quickly, and too little is made well.",
            "Compromise has quietly become the norm."),
        List.of("Introducing {product}: {essence}.", "{product}. {Essence}."),
        List.of("Introducing {product}. {Essence}."),
        "Introducing {product}.",
        "Introducing {product}",
        Map.of(
            Detail.IN, "Presented {detail}.",
            Detail.WITH, "Complete {detail}.",
            Detail.MADE, "{Detail}, without compromise.",
            Detail.NOUN, "With {detail}, thoughtfully done."),
        List.of(
            "Rendered in {color}, every detail considered.",
            "Finished in {color}. Quietly confident."),
        "Made for {audience}.",
        List.of(
            "Made with care, down to the last detail.",
            "Nothing superfluous. Nothing missing.",
            "Quality you notice, every time."),
        List.of("{Cta}."),
        List.of("Discover {product}.", "Experience {product}."),
        List.of("Because you deserve nothing less.", "Uncompromising, by design."),
        "Worth the wait",
        "Made to be forgotten?",
        "Every detail considered",
        Punctuation.PLAIN,
        "elegant and refined; soft low-key lighting with rich shadows");
  }

  private static Voice playful() {
    return new Voice(
        Tone.PLAYFUL,
        List.of(
            "What if {desire} was this easy?",
            "Okay, {aud}, you're going to love this.",
            "Psst. Got a second?",
            "Warning: may cause sudden happiness."),
        List.of(
            "Let's be honest: boring {kinds} {are} so last season.",
            "Plain old {kinds}? Yawn.",
            "Your routine called. It's bored."),
        List.of("Ta-da! Meet {product}: {essence}.", "Enter {product}: {essence}!"),
        List.of("Ta-da! Meet {product}. {Essence}.", "Enter {product}! {Essence}."),
        "Ta-da! Meet {product}.",
        "Ta-da! Meet {product}",
        Map.of(
            Detail.IN, "And yes, it comes {detail}!",
            Detail.WITH, "Oh, and it comes {detail}!",
            Detail.MADE, "{Detail}. Obviously.",
            Detail.NOUN, "Plus {detail}. Fancy!"),
        List.of(
            "And that {color}? Pretty hard to ignore!", "Go on, admire that {color}. We'll wait."),
        "Made for {audience}. Yes, you!",
        List.of(
            "It's basically a tiny upgrade for your whole day.",
            "Happy looks good on you.",
            "Small thing, big grin."),
        List.of("Go on. {Cta}!"),
        List.of("Go on, give {product} a try!", "Treat yourself to {product}!"),
        List.of("Your future self says thanks!", "You know you want to."),
        "Psst… got a second?",
        "Yawn.",
        "Tiny upgrade, big smile",
        Punctuation.ASIS,
        "bright, cheerful, playful colour and light");
  }

  private static Voice calm() {
    return new Voice(
        Tone.CALM,
        List.of(
            "Imagine {desire}, without the rush.",
            "For {aud}, a quieter kind of good.",
            "Take a breath, and slow down for a moment.",
            "Some things are best enjoyed slowly."),
        List.of(
            "When everything is in a hurry, {desire} is easy to lose.",
            "The days move fast, and the small rituals get lost.",
            "There's so much noise, and so little calm."),
        List.of("This is {product}: {essence}.", "Let us introduce {product}, {essence}."),
        List.of("This is {product}. {Essence}."),
        "This is {product}.",
        "This is {product}",
        Map.of(
            Detail.IN, "It arrives {detail}, simply.",
            Detail.WITH, "Thoughtfully made, {detail}.",
            Detail.MADE, "{Detail}, gently.",
            Detail.NOUN, "With {detail}, and nothing you don't need."),
        List.of(
            "Soft light, {color}, and nothing out of place.",
            "Gentle {color} tones, easy on the eye."),
        "Made for {audience}.",
        List.of(
            "Simple, honest, and there when you need it.",
            "Nothing to rush. Nothing to prove.",
            "A small moment of ease, every day."),
        List.of("Whenever you're ready, {cta_lower}."),
        List.of("Discover {product}, whenever you're ready.", "Find your calm with {product}."),
        List.of("It will be here when you are.", "Breathe easy."),
        "Slow down",
        "Find your calm",
        "Simply made",
        Punctuation.PLAIN,
        "soft, airy natural light; unhurried and serene");
  }

  private static Voice bold() {
    return new Voice(
        Tone.BOLD,
        List.of(
            "You want {desire}. Take it.",
            "{Aud}: demand more.",
            "Stop settling.",
            "Good enough? Not anymore."),
        List.of(
            "Ordinary {kinds} won't cut it.",
            "Average is everywhere.",
            "Compromise is not a strategy."),
        List.of("This is {product}. {Essence}.", "{product}. {Essence}. Built different."),
        List.of("This is {product}. {Essence}."),
        "This is {product}.",
        "This is {product}",
        Map.of(
            Detail.IN, "Packed {detail}.",
            Detail.WITH, "Loaded {detail}.",
            Detail.MADE, "{Detail}. No shortcuts.",
            Detail.NOUN, "{Detail}. No compromise."),
        List.of("{Color}. Impossible to miss.", "Bold in {color}. Zero apologies."),
        "Built for {audience}.",
        List.of(
            "Built to perform. Every single time.", "No shortcuts. No excuses.", "Made to win."),
        List.of("Don't wait. {Cta}."),
        List.of("Get {product}. Today.", "Own {product}. Now."),
        List.of("No excuses.", "Make your move."),
        "Stop settling",
        "Average won't do",
        "No compromise",
        Punctuation.PLAIN,
        "high-contrast, dramatic light; strong and confident");
  }
}
