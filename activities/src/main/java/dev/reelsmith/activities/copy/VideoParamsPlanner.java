package dev.reelsmith.activities.copy;

import dev.reelsmith.activities.images.Colors;
import dev.reelsmith.activities.voice.Narrator.Narration;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.CameraMove.Easing;
import dev.reelsmith.workflows.messages.CameraMove.Framing;
import dev.reelsmith.workflows.messages.CameraMove.Keyframe;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Region;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns scenes into concrete render parameters: frame size, frame rate, durations, transitions,
 * camera moves, caption styles, background, a prompt for video models and a seed. Deterministic.
 *
 * <p>Durations are planned in whole frames so the ad lasts exactly what the brief asks: each scene
 * but the last runs on into the next by its transition, so the sum of scene durations less the sum
 * of transitions is {@code brief.durationSeconds()} to the frame. A scene with a voice-over lasts
 * at least its narration and a breath; the others share what is left. When the narration alone is
 * longer than the brief's duration, the ad grows to fit it rather than cut a line short. Camera
 * moves frame the image's salient region, mapped from image to canvas coordinates for the chosen
 * framing, and stay within {@link #MIN_ZOOM}–{@link #MAX_ZOOM} with the view inside the canvas.
 */
public final class VideoParamsPlanner {

  public static final int FPS = 30;
  public static final double MIN_ZOOM = 1.0;
  public static final double MAX_ZOOM = 1.3;

  /** Aspect mismatch beyond which covering the frame would crop too much of the image. */
  private static final double MAX_COVER_MISMATCH = 1.6;

  /** Share of the salient region a cover crop must keep, or the image is contained instead. */
  private static final double MIN_SALIENT_KEPT = 0.75;

  /** A transition may take at most this share of the shorter of the two scenes it joins. */
  private static final double MAX_TRANSITION_SHARE = 0.4;

  /** Silence after a scene's voice-over before the next scene's begins. */
  public static final double NARRATION_PAUSE_SECONDS = 0.4;

  /** Subtitle text size as a share of the short side: readable on a phone, under the caption. */
  private static final double SUBTITLE_SIZE = 0.04;

  private static final String DARK_TEXT = "#111111";
  private static final String LIGHT_TEXT = "#FFFFFF";

  /** Render parameters for each scene, in order, without a voice-over. */
  public List<SceneParams> plan(Brief brief, List<Scene> scenes, List<ImageAnalysis> images) {
    return plan(brief, scenes, images, List.of());
  }

  /**
   * Render parameters for each scene, in order, each scene long enough for its voice-over (see
   * {@link #minimumFrames}).
   */
  public List<SceneParams> plan(
      Brief brief, List<Scene> scenes, List<ImageAnalysis> images, List<Narration> narrations) {
    if (scenes.isEmpty()) {
      throw new IllegalArgumentException("there are no scenes to plan");
    }
    int width = brief.width();
    int height = brief.height();
    Tone tone = brief.tone() == null ? Tone.WARM : brief.tone();
    Narration[] voice = new Narration[scenes.size()];
    for (Narration narration : narrations) {
      for (int i = 0; i < scenes.size(); i++) {
        if (scenes.get(i).index() == narration.index()) {
          voice[i] = narration;
        }
      }
    }
    int[] content = contentFrames(scenes, brief.durationSeconds() * FPS, minimumFrames(voice));
    int[] transitions = new int[scenes.size()];
    List<Transition> kinds = new ArrayList<>();
    for (int i = 0; i < scenes.size() - 1; i++) {
      Transition wanted = transition(tone, scenes.get(i + 1).role(), i);
      int frames = (int) Math.round(wanted.durationSeconds() * FPS);
      int limit = (int) Math.floor(MAX_TRANSITION_SHARE * Math.min(content[i], content[i + 1]));
      transitions[i] = Math.max(1, Math.min(frames, limit));
      kinds.add(new Transition(wanted.kind(), transitions[i] / (double) FPS));
    }
    long briefSeed = Seeds.of(Seeds.of(brief), brief.aspectRatio(), brief.resolution());
    int benefit = 0;
    List<SceneParams> params = new ArrayList<>();
    for (int i = 0; i < scenes.size(); i++) {
      Scene scene = scenes.get(i);
      ImageAnalysis image = find(images, scene.imageIndex());
      int frames = content[i] + transitions[i];
      double seconds = frames / (double) FPS;
      Layout layout = layout(image, width, height);
      CameraMove camera =
          camera(
              scene.role(),
              layout,
              image,
              width,
              height,
              scene.role() == Role.BENEFIT ? benefit++ : i);
      Caption caption = caption(scene, brief, tone, image, camera, seconds);
      Caption subtitle =
          brief.wantsSubtitles() && voice[i] != null ? subtitle(scene.narration()) : null;
      if (subtitle != null && caption.placement() == Caption.Placement.LOWER_THIRD) {
        // The subtitle takes the bottom; the caption moves out of its way.
        caption =
            new Caption(
                caption.text(),
                Caption.Placement.TOP,
                caption.textColor(),
                caption.panelColor(),
                caption.accentColor(),
                caption.sizeRatio(),
                caption.appearSeconds());
      }
      String background = background(brief, image);
      params.add(
          new SceneParams(
              scene.index(),
              width,
              height,
              FPS,
              seconds,
              image.normalized(),
              camera,
              caption,
              i < scenes.size() - 1 ? kinds.get(i) : null,
              background,
              prompt(brief, scene, image, camera, layout, tone, seconds),
              Seeds.of(briefSeed, scene.index(), scene.imageIndex()) & Long.MAX_VALUE,
              voice[i] == null ? null : voice[i].path(),
              voice[i] == null ? null : voice[i].seconds(),
              subtitle));
    }
    return List.copyOf(params);
  }

  // ------------------------------------------------------------------ timing

  /**
   * A scene's voice-over plays from the scene's start (its incoming transition) until the next
   * scene starts, and needs a breath after it so lines never run together. This is a floor on the
   * scene's own frames; with no voice-over, a scene needs one frame.
   */
  static int[] minimumFrames(Narration[] voice) {
    int[] minimum = new int[voice.length];
    for (int i = 0; i < voice.length; i++) {
      minimum[i] =
          voice[i] == null
              ? 1
              : (int) Math.ceil((voice[i].seconds() + NARRATION_PAUSE_SECONDS) * FPS);
    }
    return minimum;
  }

  /**
   * Whole frames per scene in proportion to the scenes' durations (equal shares when they give
   * none), adding up exactly to {@code total}, and each at least its {@code minimum}. Scenes whose
   * share would be too short get their minimum and the others share what is left. When the minimums
   * alone exceed {@code total}, every scene gets its minimum and the sum is longer than asked.
   */
  static int[] contentFrames(List<Scene> scenes, int total, int[] minimum) {
    int n = scenes.size();
    double[] weights = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double d = scenes.get(i).durationSeconds();
      weights[i] = d > 0 && Double.isFinite(d) ? d : 0;
      sum += weights[i];
    }
    if (sum == 0) {
      Arrays.fill(weights, 1);
    }
    if (Arrays.stream(minimum).sum() >= total) {
      return minimum.clone();
    }
    // Fix the scenes whose proportional share is under their minimum, until none is.
    boolean[] fixed = new boolean[n];
    double[] exact = new double[n];
    boolean changed = true;
    while (changed) {
      changed = false;
      double free = total;
      double freeWeight = 0;
      for (int i = 0; i < n; i++) {
        if (fixed[i]) {
          free -= minimum[i];
        } else {
          freeWeight += weights[i];
        }
      }
      for (int i = 0; i < n; i++) {
        if (fixed[i]) {
          exact[i] = minimum[i];
        } else {
          exact[i] = freeWeight == 0 ? free / n : free * weights[i] / freeWeight;
          if (exact[i] < minimum[i]) {
            fixed[i] = true;
            changed = true;
          }
        }
      }
    }
    int[] frames = new int[n];
    double[] remainders = new double[n];
    int assigned = 0;
    for (int i = 0; i < n; i++) {
      frames[i] = (int) Math.floor(exact[i]);
      remainders[i] = exact[i] - frames[i];
      assigned += frames[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparing(i -> i));
    for (int k = 0; k < total - assigned; k++) {
      frames[order.get(k % n)]++;
    }
    return frames;
  }

  /**
   * Gentle tones dissolve slowly; lively ones cut across quickly. Premium fades through black into
   * the reveal and the end card, for a breath before the important moments.
   */
  static Transition transition(Tone tone, Role next, int position) {
    return switch (tone) {
      case WARM -> new Transition(Transition.Kind.CROSSFADE, 0.7);
      case CALM -> new Transition(Transition.Kind.CROSSFADE, 0.8);
      case PREMIUM ->
          next == Role.REVEAL || next == Role.CALL_TO_ACTION
              ? new Transition(Transition.Kind.FADE_BLACK, 0.8)
              : new Transition(Transition.Kind.CROSSFADE, 0.7);
      case ENERGETIC ->
          new Transition(
              position % 2 == 0 ? Transition.Kind.WIPE_LEFT : Transition.Kind.SLIDE_LEFT, 0.4);
      case PLAYFUL ->
          new Transition(
              next == Role.REVEAL ? Transition.Kind.WIPE_LEFT : Transition.Kind.SLIDE_LEFT, 0.4);
      case BOLD -> new Transition(Transition.Kind.SLIDE_LEFT, 0.4);
    };
  }

  // ------------------------------------------------------------------ camera

  /** How an image sits on the canvas, and where its salient region lands there. */
  record Layout(Framing framing, Region salient, double imageShare) {}

  static Layout layout(ImageAnalysis image, int width, int height) {
    double frameAspect = (double) width / height;
    double imageAspect = (double) image.width() / image.height();
    double mismatch = Math.max(imageAspect / frameAspect, frameAspect / imageAspect);
    Region salient = image.salient() == null ? Region.FULL : image.salient();
    if (!image.transparent() && mismatch <= MAX_COVER_MISMATCH) {
      Region covered = cover(salient, imageAspect, frameAspect);
      double kept =
          area(covered) / Math.max(1e-9, coverScale(imageAspect, frameAspect) * area(salient));
      if (kept >= MIN_SALIENT_KEPT) {
        return new Layout(Framing.COVER, covered, 1);
      }
    }
    double share =
        imageAspect > frameAspect ? frameAspect / imageAspect : imageAspect / frameAspect;
    return new Layout(Framing.CONTAIN, contain(salient, imageAspect, frameAspect), share);
  }

  /** How much larger a region's canvas area is than its image area under a cover crop. */
  private static double coverScale(double imageAspect, double frameAspect) {
    return imageAspect > frameAspect ? imageAspect / frameAspect : frameAspect / imageAspect;
  }

  private static Region cover(Region r, double imageAspect, double frameAspect) {
    if (imageAspect > frameAspect) {
      double visible = frameAspect / imageAspect;
      double offset = (1 - visible) / 2;
      return clip((r.x() - offset) / visible, r.y(), r.width() / visible, r.height());
    }
    double visible = imageAspect / frameAspect;
    double offset = (1 - visible) / 2;
    return clip(r.x(), (r.y() - offset) / visible, r.width(), r.height() / visible);
  }

  private static Region contain(Region r, double imageAspect, double frameAspect) {
    if (imageAspect > frameAspect) {
      double share = frameAspect / imageAspect;
      return clip(r.x(), (1 - share) / 2 + r.y() * share, r.width(), r.height() * share);
    }
    double share = imageAspect / frameAspect;
    return clip((1 - share) / 2 + r.x() * share, r.y(), r.width() * share, r.height());
  }

  private static Region clip(double x, double y, double w, double h) {
    double x0 = Math.max(0, x);
    double y0 = Math.max(0, y);
    double x1 = Math.min(1, x + w);
    double y1 = Math.min(1, y + h);
    return new Region(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
  }

  private static double area(Region r) {
    return r.width() * r.height();
  }

  /**
   * The move for a scene: the hook pushes in toward the subject, the problem drifts across it, the
   * reveal pulls back from the product to the whole picture, benefits alternate a pan and a push,
   * and the end card settles slowly toward the product.
   */
  static CameraMove camera(
      Role role, Layout layout, ImageAnalysis image, int width, int height, int variant) {
    Region target = layout.salient();
    double cx = target.width() > 0 ? target.centerX() : 0.5;
    double cy = target.height() > 0 ? target.centerY() : 0.5;
    double fit = 1 / (1.5 * Math.max(target.width(), target.height()));
    double ceiling = MAX_ZOOM;
    if (layout.framing() == Framing.CONTAIN) {
      ceiling = Math.min(ceiling, 1.15);
    }
    if ((long) image.width() * image.height() < (long) width * height / 2) {
      // The image is already being enlarged; zooming further would show its pixels.
      ceiling = Math.min(ceiling, 1.08);
    }
    double close = clamp(fit, 1.12, ceiling);
    Keyframe whole = new Keyframe(MIN_ZOOM, 0.5, 0.5);
    Framing framing = layout.framing();
    return switch (role) {
      case HOOK -> new CameraMove(framing, whole, frame(close, cx, cy), Easing.EASE_IN_OUT);
      case PROBLEM -> {
        double zoom = clamp(1.15, MIN_ZOOM, ceiling);
        Keyframe[] pan = pan(zoom, cx, cy, variant % 2 == 0);
        yield new CameraMove(framing, pan[0], pan[1], Easing.LINEAR);
      }
      case REVEAL ->
          new CameraMove(
              framing,
              frame(clamp(close + 0.08, MIN_ZOOM, ceiling), cx, cy),
              whole,
              Easing.EASE_OUT);
      case BENEFIT -> {
        if (variant % 2 == 0) {
          double zoom = clamp(1.2, MIN_ZOOM, ceiling);
          Keyframe[] pan = pan(zoom, cx, cy, variant % 4 == 0);
          yield new CameraMove(framing, pan[0], pan[1], Easing.EASE_IN_OUT);
        }
        yield new CameraMove(
            framing, frame(1.05, 0.5, 0.5), frame(close, cx, cy), Easing.EASE_IN_OUT);
      }
      case CALL_TO_ACTION -> {
        double zoom = clamp(1.08, MIN_ZOOM, ceiling);
        yield new CameraMove(
            framing,
            whole,
            frame(zoom, 0.5 + (cx - 0.5) / 2, 0.5 + (cy - 0.5) / 2),
            Easing.EASE_OUT);
      }
    };
  }

  /**
   * A sideways move at one zoom that ends on the subject: from a little to one side of it, or, when
   * the view cannot move that far, from the far edge of the room it has.
   */
  private static Keyframe[] pan(double zoom, double cx, double cy, boolean rightward) {
    double half = 0.5 / clamp(zoom, MIN_ZOOM, MAX_ZOOM);
    double to = clamp(cx, half, 1 - half);
    double from = clamp(to + (rightward ? -0.08 : 0.08), half, 1 - half);
    if (Math.abs(to - from) < 0.02) {
      from = to > 0.5 ? half : 1 - half;
    }
    return new Keyframe[] {frame(zoom, from, cy), frame(zoom, to, cy)};
  }

  /** A keyframe whose view, 1/zoom of the canvas, stays inside the canvas. */
  private static Keyframe frame(double zoom, double centerX, double centerY) {
    double z = round(clamp(zoom, MIN_ZOOM, MAX_ZOOM));
    double half = 0.5 / z;
    // Rounded inward, so the view stays inside the canvas after rounding too.
    double lo = Math.ceil(half * 10_000) / 10_000;
    double hi = Math.floor((1 - half) * 10_000) / 10_000;
    return new Keyframe(z, clamp(round(centerX), lo, hi), clamp(round(centerY), lo, hi));
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  // ------------------------------------------------------------------ look

  private static Caption caption(
      Scene scene, Brief brief, Tone tone, ImageAnalysis image, CameraMove camera, double seconds) {
    String text =
        Captions.fit(
            scene.caption() == null || scene.caption().isBlank()
                ? Text.sentences(scene.narration()).stream().findFirst().orElse(brief.productName())
                : scene.caption());
    boolean lightPanel = image.brightness() >= 0.6;
    String textColor = lightPanel ? DARK_TEXT : LIGHT_TEXT;
    int panel = panel(brief, image, Colors.parse(textColor), lightPanel);
    String accent = accent(brief, image, tone, panel);
    // Keep the caption off the subject: when the camera ends on a low subject, caption on top.
    Caption.Placement placement =
        camera.to().centerY() > 0.62 ? Caption.Placement.TOP : Caption.Placement.LOWER_THIRD;
    double size =
        switch (scene.role()) {
          case CALL_TO_ACTION -> 0.07;
          case HOOK -> 0.068;
          case REVEAL -> 0.064;
          default -> 0.058;
        };
    if (text.length() > 28) {
      size -= 0.006;
    }
    double appear =
        switch (tone) {
          case CALM, PREMIUM -> 0.5;
          case ENERGETIC, BOLD, PLAYFUL -> 0.35;
          case WARM -> 0.4;
        };
    return new Caption(
        text,
        placement,
        textColor,
        Colors.hex(panel),
        accent,
        Math.round(clamp(size, 0.055, 0.07) * 1000) / 1000.0,
        Math.min(appear, seconds / 4));
  }

  /** The narration as subtitles: small white text on black, in the lower third, at once. */
  private static Caption subtitle(String narration) {
    return new Caption(
        narration.strip(),
        Caption.Placement.LOWER_THIRD,
        LIGHT_TEXT,
        "#000000",
        "#000000",
        SUBTITLE_SIZE,
        0);
  }

  /**
   * The caption panel: a brand or palette colour that the text reads on at WCAG AA (4.5:1),
   * preferring the most colourful such colour; otherwise the brand's (or image's) main colour
   * darkened or lightened until the text reads.
   */
  private static int panel(Brief brief, ImageAnalysis image, int text, boolean light) {
    List<Integer> candidates = new ArrayList<>();
    brief.brandColors().stream().filter(Colors::isHex).map(Colors::parse).forEach(candidates::add);
    image.palette().stream().filter(Colors::isHex).map(Colors::parse).forEach(candidates::add);
    Integer best = null;
    for (int candidate : candidates) {
      if (Colors.contrastRatio(candidate, text) >= 4.5
          && (best == null || Colors.chroma(candidate) > Colors.chroma(best))) {
        best = candidate;
      }
    }
    if (best != null) {
      return best;
    }
    int base = candidates.isEmpty() ? (light ? 0xFFFFFF : 0x000000) : candidates.get(0);
    int toward = light ? 0xFFFFFF : 0x000000;
    for (int step = 1; step <= 10; step++) {
      int mixed = Colors.mix(base, toward, step / 10.0);
      if (Colors.contrastRatio(mixed, text) >= 4.5) {
        return mixed;
      }
    }
    return toward;
  }

  /**
   * The accent bar: a colourful brand colour that stands apart from the panel, else a colourful
   * image colour, else any brand colour that stands apart, else the tone's own.
   */
  private static String accent(Brief brief, ImageAnalysis image, Tone tone, int panel) {
    double[] panelLab = Colors.lab(panel);
    List<Integer> brand =
        brief.brandColors().stream()
            .filter(Colors::isHex)
            .map(Colors::parse)
            .filter(c -> Colors.deltaE(Colors.lab(c), panelLab) >= 20)
            .toList();
    List<Integer> palette =
        image.palette().stream()
            .filter(Colors::isHex)
            .map(Colors::parse)
            .filter(c -> Colors.deltaE(Colors.lab(c), panelLab) >= 20)
            .toList();
    return brand.stream()
        .filter(ColorNames::isVivid)
        .findFirst()
        .or(
            () ->
                palette.stream()
                    .filter(ColorNames::isVivid)
                    .max(Comparator.comparingDouble(Colors::chroma)))
        .or(() -> brand.stream().findFirst())
        .map(Colors::hex)
        .orElse(
            switch (tone) {
              case WARM -> "#F2A65A";
              case ENERGETIC -> "#FF3D00";
              case PREMIUM -> "#C9A227";
              case PLAYFUL -> "#FF6FB5";
              case CALM -> "#7FB7BE";
              case BOLD -> "#E10600";
            });
  }

  /**
   * Behind a cut-out: the brand colour that stands out most from the product, or the product's own
   * main colour, deepened or lightened to sit back. Behind a photo (seen only where a contained
   * image's blurred fill does not reach): its main colour, deepened.
   */
  private static String background(Brief brief, ImageAnalysis image) {
    int main = image.palette().isEmpty() ? 0x808080 : Colors.parse(image.palette().get(0));
    if (!image.transparent()) {
      return Colors.hex(Colors.mix(main, 0x000000, 0.6));
    }
    double[] mainLab = Colors.lab(main);
    return brief.brandColors().stream()
        .filter(Colors::isHex)
        .map(Colors::parse)
        .max(Comparator.comparingDouble(c -> Colors.deltaE(Colors.lab(c), mainLab)))
        .map(Colors::hex)
        .orElseGet(
            () ->
                Colors.hex(
                    image.brightness() >= 0.6
                        ? Colors.mix(main, 0x000000, 0.75)
                        : Colors.mix(main, 0xFFFFFF, 0.8)));
  }

  private static String prompt(
      Brief brief,
      Scene scene,
      ImageAnalysis image,
      CameraMove camera,
      Layout layout,
      Tone tone,
      double seconds) {
    String move;
    if (camera.to().zoom() > camera.from().zoom() + 0.01) {
      move = "slow push-in";
    } else if (camera.to().zoom() < camera.from().zoom() - 0.01) {
      move = "slow pull-back";
    } else {
      move = "smooth lateral pan";
    }
    String visual =
        scene.visual() == null || scene.visual().isBlank()
            ? brief.productName() + ", " + ImageLooks.colours(image)
            : Text.stripPeriod(scene.visual().split("\\s+Mood:")[0]);
    return String.format(
        Locale.ROOT,
        "%s. Advertising shot of %s, %s, %s framing, %s. Palette: %s. Style: %s. "
            + "%s aspect, %d×%d, %.1f s, steady cinematic camera, no text in frame.",
        visual,
        brief.productName(),
        move,
        layout.framing() == Framing.COVER ? "full-frame" : "whole-product",
        ImageLooks.light(image),
        ImageLooks.colours(image),
        Voice.of(tone).mood(),
        brief.aspectRatio().wireName(),
        brief.width(),
        brief.height(),
        seconds);
  }

  private static ImageAnalysis find(List<ImageAnalysis> images, int index) {
    return images.stream()
        .filter(i -> i.index() == index)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no reference image " + index + " for a scene"));
  }
}
