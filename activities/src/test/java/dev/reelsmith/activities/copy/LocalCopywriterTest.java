package dev.reelsmith.activities.copy;

import static dev.reelsmith.activities.copy.Fixtures.CALL_TO_ACTION;
import static dev.reelsmith.activities.copy.Fixtures.PRODUCT;
import static dev.reelsmith.activities.copy.Fixtures.brief;
import static dev.reelsmith.activities.copy.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import dev.reelsmith.workflows.messages.Tone;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalCopywriterTest {

  private final LocalCopywriter writer = new LocalCopywriter();

  @Test
  void writesTheSameStoryAndScenesForTheSameInput() {
    Brief brief = brief();

    Story first = writer.writeStory(brief, images());
    Story second = new LocalCopywriter().writeStory(brief(), images());

    assertThat(second).isEqualTo(first);
    assertThat(new LocalCopywriter().planScenes(brief, second, images()))
        .isEqualTo(writer.planScenes(brief, first, images()));
  }

  @Test
  void readsTheSameInEveryFrame() {
    Brief landscape = brief();
    Brief portrait = Fixtures.framed(landscape, AspectRatio.PORTRAIT, Resolution.FULL_HD);

    assertThat(writer.writeStory(portrait, images()))
        .isEqualTo(writer.writeStory(landscape, images()));
  }

  @Test
  void tellsTheWholeArcInOrder() {
    Story story = writer.writeStory(brief(Tone.WARM, 60, 6), images());

    assertThat(story.beats())
        .extracting(StoryBeat::role)
        .containsExactly(
            Role.HOOK, Role.PROBLEM, Role.REVEAL, Role.BENEFIT, Role.BENEFIT, Role.CALL_TO_ACTION);
    assertThat(story.beats()).allSatisfy(beat -> assertThat(beat.text()).isNotBlank());
    assertThat(story.score()).isNull();
    assertThat(story.title()).startsWith(PRODUCT);
  }

  @Test
  void namesTheProductAndEndsOnTheBriefsCallToAction() {
    Story story = writer.writeStory(brief(), images());

    assertThat(story.text()).contains(PRODUCT);
    assertThat(story.beats().get(2).text()).contains(PRODUCT);
    assertThat(story.beats().get(story.beats().size() - 1).text()).contains(CALL_TO_ACTION);
  }

  @Test
  void buildsOnWhatTheDescriptionAndAudienceSay() {
    Story story = writer.writeStory(brief(Tone.WARM, 60, 6), images());

    assertThat(story.text())
        .contains("slow-steeped cold brew coffee")
        .contains("No sugar, no bitterness, just smooth coffee")
        .contains("better coffee at home");
  }

  @Test
  void mentionsWhatThePhotosShow() {
    // The hero image is the orange cut-out: the story speaks of its colour.
    Story story = writer.writeStory(brief(Tone.WARM, 30, 4), images());

    assertThat(story.text()).contains("orange");
  }

  @Test
  void changesItsWordsWithTheTone() {
    Set<String> stories = new HashSet<>();
    for (Tone tone : Tone.values()) {
      stories.add(writer.writeStory(brief(tone, 30, 4), images()).text());
    }

    assertThat(stories).hasSize(Tone.values().length);
    assertThat(writer.writeStory(brief(Tone.ENERGETIC, 30, 4), images()).text()).contains("!");
    assertThat(writer.writeStory(brief(Tone.PREMIUM, 30, 4), images()).text()).doesNotContain("!");
    assertThat(writer.writeStory(brief(Tone.CALM, 30, 4), images()).text()).doesNotContain("!");
  }

  @ParameterizedTest
  @ValueSource(ints = {15, 30, 60})
  void fitsTheStoryToTheAdsLength(int seconds) {
    Story story = writer.writeStory(brief(Tone.WARM, seconds, Math.max(3, seconds / 10)), images());

    int words = Text.words(story.text());
    assertThat(words).isLessThanOrEqualTo(Arc.speakableWords(seconds));
    assertThat(words).isGreaterThanOrEqualTo(Arc.speakableWords(seconds) / 2);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 8})
  void plansExactlyTheScenesTheBriefAsksFor(int count) {
    Brief brief = brief(Tone.WARM, 30, count);
    Story story = writer.writeStory(brief, images());

    List<Scene> scenes = writer.planScenes(brief, story, images());

    assertThat(scenes).hasSize(count);
    assertThat(scenes).extracting(Scene::index).containsExactlyElementsOf(range(1, count));
    assertThat(scenes).extracting(Scene::role).containsExactlyElementsOf(Arc.scenes(count));
    assertThat(scenes.stream().mapToDouble(Scene::durationSeconds).sum())
        .isCloseTo(30, within(1e-6));
    assertThat(scenes)
        .allSatisfy(
            scene -> {
              assertThat(scene.caption()).isNotBlank().hasSizeLessThanOrEqualTo(42);
              assertThat(scene.narration()).isNotBlank();
              assertThat(scene.visual()).isNotBlank();
              assertThat(scene.durationSeconds()).isPositive();
            });
  }

  @Test
  void mapsThreeScenesOntoHookRevealAndCallToAction() {
    Brief brief = brief(Tone.WARM, 15, 3);

    List<Scene> scenes = writer.planScenes(brief, writer.writeStory(brief, images()), images());

    assertThat(scenes)
        .extracting(Scene::role)
        .containsExactly(Role.HOOK, Role.REVEAL, Role.CALL_TO_ACTION);
    assertThat(scenes.get(1).narration()).contains(PRODUCT);
    assertThat(scenes.get(2).caption()).isEqualTo(CALL_TO_ACTION);
    assertThat(scenes.get(2).narration()).contains(CALL_TO_ACTION);
  }

  @Test
  void endsOnDiscoverTheProductWhenTheBriefHasNoCallToAction() {
    Brief brief = Fixtures.withoutCallToAction(brief());
    Story story = writer.writeStory(brief, images());

    List<Scene> scenes = writer.planScenes(brief, story, images());

    assertThat(scenes.get(scenes.size() - 1).caption()).isEqualTo("Discover " + PRODUCT);
    assertThat(story.beats().get(story.beats().size() - 1).text()).contains(PRODUCT);
  }

  @Test
  void keepsCaptionsOnScreenForLongNamesAndCallsToAction() {
    Brief brief =
        new Brief(
            "The Extraordinarily Long Named Heritage Collection Scented Candle",
            "Hand-poured soy wax candles with a cotton wick, scented with cedar and sea salt.",
            "people who love a calm evening at home",
            Tone.PREMIUM,
            "Visit heritage-candles.example/collections/autumn today and use code AUTUMN for 10% off",
            30,
            AspectRatio.SQUARE,
            Resolution.FULL_HD,
            List.of(),
            5);

    List<Scene> scenes = writer.planScenes(brief, writer.writeStory(brief, images()), images());

    assertThat(scenes).allSatisfy(s -> assertThat(Captions.fits(s.caption())).isTrue());
    assertThat(scenes.get(scenes.size() - 1).caption())
        .startsWith("Visit heritage-candles.example");
  }

  @Test
  void revealsTheProductOnTheBestImageAndSpreadsTheOthers() {
    Brief brief = brief(Tone.WARM, 60, 6);

    List<Scene> scenes = writer.planScenes(brief, writer.writeStory(brief, images()), images());

    Scene reveal = scenes.stream().filter(s -> s.role() == Role.REVEAL).findFirst().orElseThrow();
    assertThat(reveal.imageIndex()).isEqualTo(2);
    for (int i = 1; i < scenes.size(); i++) {
      assertThat(scenes.get(i).imageIndex()).isNotEqualTo(scenes.get(i - 1).imageIndex());
    }
    assertThat(scenes).extracting(Scene::imageIndex).contains(1, 2, 3);
  }

  @Test
  void usesTheOnlyImageForEveryScene() {
    Brief brief = brief();
    List<ImageAnalysis> one = List.of(images().get(0));

    List<Scene> scenes = writer.planScenes(brief, writer.writeStory(brief, one), one);

    assertThat(scenes).extracting(Scene::imageIndex).containsOnly(1);
  }

  @ParameterizedTest
  @EnumSource(Tone.class)
  void plansScenesFromAnotherWritersSparseStory(Tone tone) {
    Brief brief = brief(tone, 30, 6);
    Story sparse =
        new Story(
            "Sparse",
            List.of(
                new StoryBeat(Role.HOOK, "Coffee, but better."),
                new StoryBeat(Role.REVEAL, "Meet Aurora Cold Brew.")),
            null);

    List<Scene> scenes = writer.planScenes(brief, sparse, images());

    assertThat(scenes).hasSize(6);
    assertThat(scenes).allSatisfy(s -> assertThat(s.narration()).isNotBlank());
    assertThat(scenes.get(5).narration()).containsIgnoringCase(CALL_TO_ACTION);
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> values = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      values.add(i);
    }
    return values;
  }
}
