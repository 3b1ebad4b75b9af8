package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SummariesTest {

  private static GenerationInput withProduct(String productName) {
    GenerationInput input = ScriptedPipeline.input(Generations.newId(), 3);
    Brief brief = input.brief();
    return new GenerationInput(
        input.generationId(),
        new Brief(
            productName,
            brief.description(),
            brief.audience(),
            brief.tone(),
            brief.callToAction(),
            brief.durationSeconds(),
            brief.aspectRatio(),
            brief.resolution(),
            brief.brandColors(),
            brief.sceneCount()),
        input.images(),
        input.settings(),
        input.owner());
  }

  @Test
  void aLongProductNameIsCutSoTheSummaryFitsTemporalsLimitAndKeepsItsEnd() {
    String summary = Summaries.summary(withProduct("Kaffee für Frühaufsteher ☕ ".repeat(8)));

    assertThat(summary.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Summaries.SUMMARY_BYTES);
    assertThat(summary).startsWith("Ad for Kaffee für").contains("…").endsWith(", by alice");
  }

  @Test
  void markupInTheBriefStaysLiteralInTheDetails() {
    String details = Summaries.details(withProduct("[click](http://evil.example) <b>bold</b>"));

    assertThat(details)
        .startsWith("**\\[click\\](http://evil.example) \\<b\\>bold\\</b\\>**")
        .doesNotContain("[click]");
  }

  @Test
  void aNameTooLongForAnyRoomIsCutWithinACharacter() {
    assertThat(Summaries.fit("ééé", 4)).isEqualTo("…");
    assertThat(Summaries.fit("éééé", 7)).isEqualTo("éé…");
    assertThat(Summaries.fit("short", 7)).isEqualTo("short");
  }

  @Test
  void ownerNamesAreQuotedInTheVisibilityQuery() {
    assertThat(GenerationSearchAttributes.ownedBy("o'brien\\x"))
        .isEqualTo("WorkflowType = 'GenerationWorkflow' AND ReelsmithUser = 'o''brien\\\\x'");
  }
}
