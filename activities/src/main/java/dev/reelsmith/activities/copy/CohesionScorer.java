package dev.reelsmith.activities.copy;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Grades how well a list of scenes hangs together, 0–100: scene count (10), arc order (20), call to
 * action at the end (15), captions that fit (15), pacing (15), image continuity (15) and complete
 * scene notes (10). Each item says why.
 */
public final class CohesionScorer implements CohesionJudge {

  /** The rubric, in the order {@link #score} grades it; LLM judges are told the same. */
  public static final List<Criterion> RUBRIC =
      List.of(
          new Criterion("scene count", 10, "Exactly as many scenes as the brief asks for."),
          new Criterion(
              "arc order",
              20,
              "Opens on the hook, closes on the call to action, has a reveal, and the beats follow"
                  + " hook, problem, reveal, benefit, call to action without jumping back."),
          new Criterion(
              "call to action",
              15,
              "The last scene asks for action, its caption fits, and its voice-over says the"
                  + " brief's call to action."),
          new Criterion(
              "captions",
              15,
              "Every caption fits on screen (at most "
                  + Captions.MAX_LENGTH
                  + " characters) and the captions differ from each other."),
          new Criterion(
              "pacing",
              15,
              "Durations add up to the ad's length, no scene is under half or over twice the"
                  + " average, and each voice-over can be said in its scene's time at "
                  + Arc.WORDS_PER_SECOND
                  + " words per second."),
          new Criterion(
              "image continuity",
              15,
              "Every scene uses a reference image that exists, cuts change the picture, and the ad"
                  + " uses the images it has."),
          new Criterion("scene notes", 10, "Every scene describes its shot and has a voice-over."));

  /** Durations may miss the ad's length by this much before pacing loses points. */
  private static final double DURATION_TOLERANCE = 0.05;

  /** Scores {@code scenes} planned for {@code brief} on {@code images}. */
  @Override
  public Score score(Brief brief, List<Scene> scenes, List<ImageAnalysis> images) {
    List<RubricItem> rubric = new ArrayList<>();
    rubric.add(sceneCount(brief, scenes));
    rubric.add(arcOrder(scenes));
    rubric.add(callToAction(brief, scenes));
    rubric.add(captions(scenes));
    rubric.add(pacing(brief, scenes));
    rubric.add(images(scenes, images));
    rubric.add(notes(scenes));
    return Score.of(rubric);
  }

  private static RubricItem sceneCount(Brief brief, List<Scene> scenes) {
    int wanted = brief.sceneCount();
    if (scenes.size() == wanted) {
      return new RubricItem("scene count", 10, 10, wanted + " scenes, as the brief asks.");
    }
    return new RubricItem(
        "scene count", 0, 10, scenes.size() + " scenes where the brief asks for " + wanted + ".");
  }

  private static RubricItem arcOrder(List<Scene> scenes) {
    if (scenes.isEmpty()) {
      return new RubricItem("arc order", 0, 20, "There are no scenes.");
    }
    int points = 0;
    List<String> notes = new ArrayList<>();
    if (scenes.get(0).role() == Role.HOOK) {
      points += 5;
      notes.add("opens on the hook");
    } else {
      notes.add("does not open on a hook");
    }
    if (scenes.get(scenes.size() - 1).role() == Role.CALL_TO_ACTION) {
      points += 5;
      notes.add("closes on the call to action");
    } else {
      notes.add("does not close on the call to action");
    }
    if (scenes.stream().anyMatch(s -> s.role() == Role.REVEAL)) {
      points += 4;
      notes.add("reveals the product");
    } else {
      notes.add("never reveals the product");
    }
    boolean ordered = true;
    for (int i = 1; i < scenes.size(); i++) {
      if (Arc.order(scenes.get(i).role()) < Arc.order(scenes.get(i - 1).role())) {
        ordered = false;
      }
    }
    if (ordered) {
      points += 6;
      notes.add("beats follow the arc");
    } else {
      notes.add("beats jump back and forth in the arc");
    }
    return new RubricItem("arc order", points, 20, sentence(notes));
  }

  private static RubricItem callToAction(Brief brief, List<Scene> scenes) {
    Scene last = scenes.isEmpty() ? null : scenes.get(scenes.size() - 1);
    if (last == null || last.role() != Role.CALL_TO_ACTION) {
      return new RubricItem("call to action", 0, 15, "The last scene is not a call to action.");
    }
    int points = 5;
    List<String> notes = new ArrayList<>();
    notes.add("the last scene asks for action");
    if (Captions.fits(last.caption())) {
      points += 3;
      notes.add("its caption reads \"" + last.caption() + "\"");
    } else {
      notes.add("its caption is missing or too long");
    }
    String cta = brief.callToAction();
    if (cta == null || cta.isBlank()) {
      if (Text.containsPhrase(last.caption() + " " + last.narration(), brief.productName())) {
        points += 4;
      }
      notes.add("the brief gives no call to action, so the ad ends on a generic one");
    } else if (Text.containsPhrase(last.narration(), Text.stripEnd(cta))) {
      points += 7;
      notes.add("the voice-over says the brief's call to action");
    } else {
      notes.add("the brief's call to action is not said");
    }
    return new RubricItem("call to action", points, 15, sentence(notes));
  }

  private static RubricItem captions(List<Scene> scenes) {
    if (scenes.isEmpty()) {
      return new RubricItem("captions", 0, 15, "There are no captions.");
    }
    long fitting = scenes.stream().filter(s -> Captions.fits(s.caption())).count();
    Set<String> distinct = new HashSet<>();
    scenes.forEach(s -> distinct.add(s.caption() == null ? "" : s.caption().strip()));
    int points =
        (int) Math.round(10.0 * fitting / scenes.size() + 5.0 * distinct.size() / scenes.size());
    String note =
        String.format(
            Locale.ROOT,
            "%d of %d captions fit on screen (at most %d characters); %d are different.",
            fitting,
            scenes.size(),
            Captions.MAX_LENGTH,
            distinct.size());
    return new RubricItem("captions", points, 15, note);
  }

  private static RubricItem pacing(Brief brief, List<Scene> scenes) {
    if (scenes.isEmpty()) {
      return new RubricItem("pacing", 0, 15, "There are no scenes to pace.");
    }
    int points = 0;
    List<String> notes = new ArrayList<>();
    double total = scenes.stream().mapToDouble(Scene::durationSeconds).sum();
    if (Math.abs(total - brief.durationSeconds()) <= DURATION_TOLERANCE) {
      points += 5;
      notes.add(
          String.format(Locale.ROOT, "scenes fill the %d s exactly", brief.durationSeconds()));
    } else {
      notes.add(
          String.format(
              Locale.ROOT, "scenes last %.1f s for a %d s ad", total, brief.durationSeconds()));
    }
    double mean = total / scenes.size();
    long balanced =
        scenes.stream()
            .filter(s -> s.durationSeconds() >= mean / 2 && s.durationSeconds() <= mean * 2)
            .count();
    points += (int) Math.round(5.0 * balanced / scenes.size());
    notes.add(balanced + " of " + scenes.size() + " scenes are within half to twice the average");
    long speakable =
        scenes.stream()
            .filter(
                s ->
                    Text.words(s.narration())
                        <= Math.max(4, 1.2 * Arc.WORDS_PER_SECOND * s.durationSeconds()))
            .count();
    points += (int) Math.round(5.0 * speakable / scenes.size());
    notes.add(speakable + " voice-overs can be said in their scene's time");
    return new RubricItem("pacing", points, 15, sentence(notes));
  }

  private static RubricItem images(List<Scene> scenes, List<ImageAnalysis> images) {
    if (scenes.isEmpty()) {
      return new RubricItem("image continuity", 0, 15, "There are no scenes.");
    }
    Set<Integer> known = new HashSet<>();
    images.forEach(i -> known.add(i.index()));
    int points = 0;
    List<String> notes = new ArrayList<>();
    long valid = scenes.stream().filter(s -> known.contains(s.imageIndex())).count();
    if (valid == scenes.size()) {
      points += 5;
      notes.add("every scene has a reference image");
    } else {
      notes.add((scenes.size() - valid) + " scenes point at an image that does not exist");
    }
    int boundaries = scenes.size() - 1;
    int changes = 0;
    for (int i = 1; i < scenes.size(); i++) {
      if (scenes.get(i).imageIndex() != scenes.get(i - 1).imageIndex()) {
        changes++;
      }
    }
    if (known.size() < 2 || boundaries == 0) {
      points += 5;
      notes.add("one image carries the whole ad");
    } else {
      points += (int) Math.round(5.0 * changes / boundaries);
      notes.add(changes + " of " + boundaries + " cuts change the picture");
    }
    Set<Integer> used = new HashSet<>();
    scenes.forEach(s -> used.add(s.imageIndex()));
    used.retainAll(known);
    int usable = Math.max(1, Math.min(known.size(), scenes.size()));
    points += (int) Math.round(5.0 * Math.min(1.0, (double) used.size() / usable));
    notes.add("uses " + used.size() + " of " + known.size() + " images");
    return new RubricItem("image continuity", points, 15, sentence(notes));
  }

  private static RubricItem notes(List<Scene> scenes) {
    if (scenes.isEmpty()) {
      return new RubricItem("scene notes", 0, 10, "There are no scenes.");
    }
    long visuals = scenes.stream().filter(s -> s.visual() != null && !s.visual().isBlank()).count();
    long narrations =
        scenes.stream().filter(s -> s.narration() != null && !s.narration().isBlank()).count();
    int points = (int) Math.round(5.0 * visuals / scenes.size() + 5.0 * narrations / scenes.size());
    return new RubricItem(
        "scene notes",
        points,
        10,
        String.format(
            Locale.ROOT,
            "%d of %d scenes describe their shot; %d have a voice-over.",
            visuals,
            scenes.size(),
            narrations));
  }

  private static String sentence(List<String> notes) {
    return Text.capitalize(String.join("; ", notes)) + ".";
  }
}
