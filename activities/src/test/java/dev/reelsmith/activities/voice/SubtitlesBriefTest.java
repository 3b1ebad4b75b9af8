package dev.reelsmith.activities.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.InvalidBriefException;
import dev.reelsmith.workflows.messages.Brief;
import org.junit.jupiter.api.Test;

/** The brief's optional {@code subtitles} choice: off unless asked for, and only true or false. */
class SubtitlesBriefTest {

  private static String brief(String subtitles) {
    return "{\"product_name\": \"Aurora\", \"description\": \"Cold brew.\""
        + (subtitles == null ? "" : ", \"subtitles\": " + subtitles)
        + "}";
  }

  @Test
  void subtitlesAreOffUnlessTheBriefAsksForThem() throws InvalidBriefException {
    Brief asked = Briefs.parse(brief("true"));
    assertThat(asked.wantsSubtitles()).isTrue();
    assertThat(Briefs.parse(brief(null)).wantsSubtitles()).isFalse();
    assertThat(Briefs.parse(brief("false")).wantsSubtitles()).isFalse();
    // Off reads like a brief from before subtitles existed.
    assertThat(Briefs.parse(brief("false"))).isEqualTo(Briefs.parse(brief(null)));
  }

  @Test
  void subtitlesMustBeTrueOrFalse() {
    assertThatThrownBy(() -> Briefs.parse(brief("\"yes\"")))
        .isInstanceOfSatisfying(
            InvalidBriefException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field, FieldError::message)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "subtitles", "must be true or false (got \"yes\")")));
  }
}
