package dev.reelsmith.activities.copy;

import static dev.reelsmith.activities.copy.Fixtures.brief;
import static dev.reelsmith.activities.copy.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.StoryBeat.Role;
import dev.reelsmith.workflows.messages.Tone;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoryScorerTest {

  private final StoryScorer scorer = new StoryScorer();
  private final LocalCopywriter writer = new LocalCopywriter();

  private Score scoreLocal(Brief brief) {
    return scorer.score(brief, writer.writeStory(brief, images()));
  }

  @Test
  void gradesTheRubricThatLlmJudgesAreTold() {
    assertThat(scoreLocal(brief()).rubric())
        .extracting(RubricItem::criterion, RubricItem::maxPoints)
        .containsExactlyElementsOf(
            StoryScorer.RUBRIC.stream().map(c -> tuple(c.name(), c.maxPoints())).toList());
  }

  @ParameterizedTest
  @EnumSource(Tone.class)
  void scoresALocalStoryWellOnAllFiveCriteria(Tone tone) {
    for (int seconds : new int[] {15, 30, 60}) {
      Score score = scoreLocal(brief(tone, seconds, seconds == 60 ? 6 : 4));

      assertThat(score.total()).isBetween(75, 100);
      assertThat(score.rubric())
          .extracting(RubricItem::criterion)
          .containsExactly("hook", "clarity", "brand fit", "call to action", "length");
    }
  }

  @Test
  void explainsEveryRubricItem() {
    Score score = scoreLocal(brief());

    assertThat(score.rubric())
        .allSatisfy(
            item -> {
              assertThat(item.points()).isBetween(0, item.maxPoints());
              assertThat(item.note()).isNotBlank();
            });
    assertThat(score.rubric().stream().mapToInt(RubricItem::maxPoints).sum()).isEqualTo(100);
  }

  @Test
  void scoresLowerOnTheCallToActionWhenTheBriefHasNone() {
    Brief with = brief();
    Brief without = Fixtures.withoutCallToAction(with);

    Score withScore = scoreLocal(with);
    Score withoutScore = scoreLocal(without);

    assertThat(withoutScore.total()).isLessThan(withScore.total());
    assertThat(points(withoutScore, "call to action"))
        .isLessThan(points(withScore, "call to action"));
    assertThat(note(withoutScore, "call to action")).contains("no call to action");
  }

  @Test
  void gradesAWeakStoryPoorlyAndSaysWhy() {
    Story weak =
        new Story(
            "Weak",
            List.of(
                new StoryBeat(
                    Role.REVEAL,
                    "This is a product that has been designed by a team of people over a long "
                        + "period of time in order to be sold in shops and online to customers."),
                new StoryBeat(Role.BENEFIT, "It is good.")),
            null);

    Score score = scorer.score(brief(), weak);

    assertThat(score.total()).isLessThan(50);
    assertThat(points(score, "hook")).isZero();
    assertThat(note(score, "hook")).contains("does not open with a hook");
    assertThat(note(score, "clarity")).containsIgnoringCase("never names the product");
    assertThat(points(score, "call to action")).isZero();
  }

  @Test
  void marksDownAStoryTooLongToSayInTime() {
    Brief brief = brief(Tone.WARM, 15, 3);
    String ramble = "Coffee is wonderful and everyone should drink more of it every day. ";
    Story story =
        new Story(
            "Long",
            List.of(
                new StoryBeat(Role.HOOK, "You deserve better coffee."),
                new StoryBeat(Role.REVEAL, "Meet Aurora Cold Brew. " + ramble.repeat(6)),
                new StoryBeat(Role.CALL_TO_ACTION, "Order today at aurora.example.")),
            null);

    Score score = scorer.score(brief, story);

    assertThat(points(score, "length")).isLessThan(15);
    assertThat(note(score, "length")).contains("too much to say in time");
  }

  private static int points(Score score, String criterion) {
    return score.rubric().stream()
        .filter(i -> i.criterion().equals(criterion))
        .findFirst()
        .orElseThrow()
        .points();
  }

  private static String note(Score score, String criterion) {
    return score.rubric().stream()
        .filter(i -> i.criterion().equals(criterion))
        .findFirst()
        .orElseThrow()
        .note();
  }
}
