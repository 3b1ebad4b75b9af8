package dev.reelsmith.activities.copy;

import static dev.reelsmith.activities.copy.Fixtures.brief;
import static dev.reelsmith.activities.copy.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import dev.reelsmith.workflows.messages.Tone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CohesionScorerTest {

  private final CohesionScorer scorer = new CohesionScorer();
  private final LocalCopywriter writer = new LocalCopywriter();

  private List<Scene> localScenes(Brief brief) {
    return writer.planScenes(brief, writer.writeStory(brief, images()), images());
  }

  @Test
  void gradesTheRubricThatLlmJudgesAreTold() {
    assertThat(scorer.score(brief(), localScenes(brief()), images()).rubric())
        .extracting(RubricItem::criterion, RubricItem::maxPoints)
        .containsExactlyElementsOf(
            CohesionScorer.RUBRIC.stream().map(c -> tuple(c.name(), c.maxPoints())).toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 8})
  void scoresTheLocalWritersScenesHighly(int count) {
    Brief brief = brief(Tone.PLAYFUL, 60, count);

    Score score = scorer.score(brief, localScenes(brief), images());

    assertThat(score.total()).isBetween(85, 100);
    assertThat(score.rubric())
        .allSatisfy(item -> assertThat(item.points()).isBetween(0, item.maxPoints()));
    assertThat(score.rubric().stream().mapToInt(RubricItem::maxPoints).sum()).isEqualTo(100);
  }

  @Test
  void penalisesScenesOutOfOrderOnOneImageWithOverlongCaptions() {
    Brief brief = brief();
    List<Scene> good = localScenes(brief);
    List<Scene> bad = new ArrayList<>();
    for (Scene s : good) {
      bad.add(
          new Scene(
              s.index(),
              s.role(),
              s.narration(),
              "A caption far too long to fit on any phone screen at all",
              s.visual(),
              s.durationSeconds(),
              1));
    }
    Collections.reverse(bad);

    Score goodScore = scorer.score(brief, good, images());
    Score badScore = scorer.score(brief, bad, images());

    assertThat(badScore.total()).isLessThan(goodScore.total() - 30);
    assertThat(item(badScore, "arc order").note()).containsIgnoringCase("does not open on a hook");
    assertThat(item(badScore, "captions").note()).startsWith("0 of 4 captions fit");
    assertThat(item(badScore, "image continuity").note()).contains("0 of 3 cuts change");
  }

  @Test
  void noticesScenesThatDoNotFillTheAd() {
    Brief brief = brief();
    List<Scene> shortScenes =
        localScenes(brief).stream()
            .map(
                s ->
                    new Scene(
                        s.index(),
                        s.role(),
                        s.narration(),
                        s.caption(),
                        s.visual(),
                        2.0,
                        s.imageIndex()))
            .toList();

    Score score = scorer.score(brief, shortScenes, images());

    assertThat(item(score, "pacing").note())
        .containsIgnoringCase("scenes last 8.0 s for a 30 s ad");
  }

  @Test
  void expectsTheCallToActionLast() {
    Brief brief = brief();
    List<Scene> scenes = new ArrayList<>(localScenes(brief));
    Scene last = scenes.remove(scenes.size() - 1);
    scenes.add(
        new Scene(
            last.index(),
            Role.BENEFIT,
            "It is lovely.",
            "Lovely",
            last.visual(),
            last.durationSeconds(),
            last.imageIndex()));

    Score score = scorer.score(brief, scenes, images());

    assertThat(item(score, "call to action").points()).isZero();
  }

  private static RubricItem item(Score score, String criterion) {
    return score.rubric().stream()
        .filter(i -> i.criterion().equals(criterion))
        .findFirst()
        .orElseThrow();
  }
}
