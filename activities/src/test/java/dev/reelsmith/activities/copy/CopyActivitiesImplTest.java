package dev.reelsmith.activities.copy;

import static dev.reelsmith.activities.copy.Fixtures.brief;
import static dev.reelsmith.activities.copy.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.workflows.CopyActivities;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.Tone;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyActivitiesImplTest {

  @TempDir Path root;

  private final String generationId = Generations.newId();
  private TestActivityEnvironment environment;
  private CopyActivities activities;

  @BeforeEach
  void startEnvironment() {
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        CopyActivitiesImpl.local(new LocalMediaStore(root)));
    activities =
        environment.newActivityStub(
            CopyActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  @Test
  void writesAScoredStoryPlansScenesAndPreparesTheirParameters() {
    Brief brief = brief(Tone.ENERGETIC, 30, 5);

    Story story = activities.writeStory(generationId, brief, images());
    ScenePlan plan = activities.planScenes(generationId, brief, story, images());
    List<SceneParams> params = activities.prepareVideoParams(generationId, brief, plan, images());

    assertThat(story.score()).isNotNull();
    assertThat(story.score().total()).isGreaterThanOrEqualTo(75);
    assertThat(story.score().rubric()).hasSize(5);
    assertThat(plan.scenes()).hasSize(5);
    assertThat(plan.cohesion().total()).isGreaterThanOrEqualTo(85);
    assertThat(params).extracting(SceneParams::index).containsExactly(1, 2, 3, 4, 5);
    assertThat(params).allSatisfy(p -> assertThat(p.width()).isEqualTo(1280));
  }

  @Test
  void refusesABriefThatBreaksTheRulesWithoutRetrying() {
    Brief brief = brief();
    Brief broken =
        new Brief(
            " ",
            brief.description(),
            brief.audience(),
            brief.tone(),
            brief.callToAction(),
            45,
            brief.aspectRatio(),
            brief.resolution(),
            List.of("blue"),
            12);

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.writeStory(generationId, broken, images()));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.INVALID_BRIEF.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage())
        .startsWith("Invalid brief")
        .contains("product_name: is required")
        .contains("duration_seconds: must be one of 15, 30 or 60 (got 45)")
        .contains("scene_count: must be from 3 to 8 (got 12)")
        .contains("brand_colors");
  }

  @Test
  void refusesScenesThatPointAtAnImageThatDoesNotExist() {
    Brief brief = brief();
    Story story = activities.writeStory(generationId, brief, images());
    ScenePlan plan = activities.planScenes(generationId, brief, story, images());
    Scene first = plan.scenes().get(0);
    List<Scene> scenes = new ArrayList<>(plan.scenes());
    scenes.set(
        0,
        new Scene(
            first.index(),
            first.role(),
            first.narration(),
            first.caption(),
            first.visual(),
            first.durationSeconds(),
            9));
    ScenePlan broken = new ScenePlan(scenes, plan.cohesion());

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class,
            () -> activities.prepareVideoParams(generationId, brief, broken, images()));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.INVALID_BRIEF.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage())
        .contains("scene 1 uses reference image 9, which does not exist");
  }

  @Test
  void refusesToPlanScenesWithoutImages() {
    Brief brief = brief();
    Story story = activities.writeStory(generationId, brief, List.of());

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class,
            () -> activities.planScenes(generationId, brief, story, List.of()));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.INVALID_BRIEF.name());
    assertThat(cause.getOriginalMessage()).contains("no analysed reference images");
  }
}
