package dev.reelsmith.workflows;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.Tone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one owner of the brief's rules (PRODUCT.md §5.1): limits, defaults and parsing. Every field
 * is checked and every fault reported at once, so a user fixes a brief in one go.
 */
public final class Briefs {

  public static final int MAX_PRODUCT_NAME = 80;
  public static final int MAX_DESCRIPTION = 1000;
  public static final int MAX_AUDIENCE = 200;
  public static final int MAX_CALL_TO_ACTION = 120;
  public static final int MAX_BRAND_COLORS = 4;
  public static final int MIN_SCENES = 3;
  public static final int MAX_SCENES = 8;
  public static final List<Integer> DURATIONS = List.of(15, 30, 60);

  /**
   * The largest brief, as JSON bytes. Its fields hold at most about 1,400 characters, which stay
   * well under this even written as JSON escapes of twelve bytes each; anything larger is not a
   * brief.
   */
  public static final int MAX_JSON_BYTES = 64 * 1024;

  /** A brief is an object holding one list (the colours); nothing deeper is ever a brief. */
  static final int MAX_JSON_DEPTH = 8;

  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
  private static final Set<String> FIELDS =
      Set.of(
          "product_name",
          "description",
          "audience",
          "tone",
          "call_to_action",
          "duration_seconds",
          "aspect_ratio",
          "resolution",
          "brand_colors",
          "scene_count",
          "subtitles");

  /** Strict JSON: a key given twice or text after the object is an error, not a guess. */
  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Briefs() {}

  /** Parses and validates a brief, filling in defaults. */
  public static Brief parse(String json) throws InvalidBriefException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new InvalidBriefException(
          List.of(
              new FieldError(
                  "brief",
                  "is nested more than "
                      + MAX_JSON_DEPTH
                      + " levels deep; a brief is one JSON object of plain fields")));
    } catch (JacksonException e) {
      throw new InvalidBriefException(
          List.of(new FieldError("brief", "is not valid JSON: " + e.getOriginalMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidBriefException(
          List.of(new FieldError("brief", "must be a JSON object with the brief's fields")));
    }
    Fields fields = new Fields(root);
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        fields.fault(name, "is not a brief field (known fields: " + known() + ")");
      }
    }
    String productName = fields.text("product_name", true, MAX_PRODUCT_NAME);
    String description = fields.text("description", true, MAX_DESCRIPTION);
    String audience = fields.text("audience", false, MAX_AUDIENCE);
    Tone tone = fields.choice("tone", Tone.values(), Tone::wireName, Tone.WARM);
    String callToAction = fields.text("call_to_action", false, MAX_CALL_TO_ACTION);
    int duration = fields.duration();
    AspectRatio aspect =
        fields.choice(
            "aspect_ratio", AspectRatio.values(), AspectRatio::wireName, AspectRatio.LANDSCAPE);
    Resolution resolution =
        fields.choice("resolution", Resolution.values(), Resolution::wireName, Resolution.HD);
    List<String> colors = fields.colors();
    Integer sceneCount = fields.sceneCount();
    boolean subtitles = fields.flag("subtitles");
    if (!fields.errors.isEmpty()) {
      throw new InvalidBriefException(fields.errors);
    }
    return new Brief(
        productName,
        description,
        audience,
        tone,
        callToAction,
        duration,
        aspect,
        resolution,
        colors,
        sceneCount != null ? sceneCount : defaultSceneCount(duration),
        // Off is left out, so briefs without the choice read the same as before it existed.
        subtitles ? Boolean.TRUE : null);
  }

  /** Three scenes for 15 s, four for 30 s, six for 60 s: roughly 5–8 s per scene. */
  public static int defaultSceneCount(int durationSeconds) {
    return durationSeconds <= 15 ? 3 : durationSeconds <= 30 ? 4 : 6;
  }

  private static String known() {
    return FIELDS.stream().sorted().collect(Collectors.joining(", "));
  }

  /** Reads fields off the JSON tree, collecting faults instead of stopping at the first. */
  private static final class Fields {
    private final JsonNode root;
    private final List<FieldError> errors = new ArrayList<>();

    Fields(JsonNode root) {
      this.root = root;
    }

    void fault(String field, String message) {
      errors.add(new FieldError(field, message));
    }

    private JsonNode present(String name) {
      JsonNode node = root.get(name);
      return node == null || node.isNull() ? null : node;
    }

    String text(String name, boolean required, int max) {
      JsonNode node = present(name);
      if (node == null) {
        if (required) {
          fault(name, "is required");
        }
        return null;
      }
      if (!node.isTextual()) {
        fault(name, "must be a string");
        return null;
      }
      String value = node.textValue().strip();
      int length = value.codePointCount(0, value.length());
      if (required && length == 0) {
        fault(name, "must not be blank");
      } else if (length > max) {
        fault(name, "must be at most " + max + " characters (got " + length + ")");
      } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
        fault(name, "must not contain control characters");
      }
      return value.isEmpty() ? null : value;
    }

    <E extends Enum<E>> E choice(String name, E[] values, Function<E, String> wire, E fallback) {
      JsonNode node = present(name);
      if (node == null) {
        return fallback;
      }
      Map<String, E> byName =
          Arrays.stream(values).collect(Collectors.toMap(wire, Function.identity()));
      E value = node.isTextual() ? byName.get(node.textValue().toLowerCase(Locale.ROOT)) : null;
      if (value == null) {
        fault(
            name,
            "must be one of "
                + Arrays.stream(values).map(wire).collect(Collectors.joining(", "))
                + " (got "
                + node
                + ")");
      }
      return value;
    }

    int duration() {
      JsonNode node = present("duration_seconds");
      if (node == null) {
        return 30;
      }
      if (!node.canConvertToExactIntegral() || !DURATIONS.contains(node.asInt())) {
        fault("duration_seconds", "must be one of 15, 30 or 60 (got " + node + ")");
        return 30;
      }
      return node.asInt();
    }

    Integer sceneCount() {
      JsonNode node = present("scene_count");
      if (node == null) {
        return null;
      }
      if (!node.canConvertToExactIntegral()
          || node.asInt() < MIN_SCENES
          || node.asInt() > MAX_SCENES) {
        fault(
            "scene_count",
            "must be a whole number from "
                + MIN_SCENES
                + " to "
                + MAX_SCENES
                + " (got "
                + node
                + ")");
        return null;
      }
      return node.asInt();
    }

    /** An optional true/false field, false when absent. */
    boolean flag(String name) {
      JsonNode node = present(name);
      if (node == null) {
        return false;
      }
      if (!node.isBoolean()) {
        fault(name, "must be true or false (got " + node + ")");
        return false;
      }
      return node.booleanValue();
    }

    List<String> colors() {
      JsonNode node = present("brand_colors");
      if (node == null) {
        return List.of();
      }
      if (!node.isArray()) {
        fault("brand_colors", "must be a list of #RRGGBB colours");
        return List.of();
      }
      if (node.size() > MAX_BRAND_COLORS) {
        fault("brand_colors", "must hold at most " + MAX_BRAND_COLORS + " colours");
      }
      List<String> colors = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode color = node.get(i);
        if (color.isTextual() && COLOR.matcher(color.textValue()).matches()) {
          colors.add(color.textValue().toUpperCase(Locale.ROOT));
        } else {
          fault("brand_colors[" + i + "]", "must be a #RRGGBB colour (got " + color + ")");
        }
      }
      return colors;
    }
  }
}
