package dev.reelsmith.activities.copy;

import static dev.reelsmith.activities.copy.Fixtures.brief;
import static dev.reelsmith.activities.copy.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.voice.FreeTtsSpeaker;
import dev.reelsmith.activities.voice.Narrator;
import dev.reelsmith.workflows.CopyActivities;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each writing step is paid for once: a step that runs again answers from the manifest. */
class CopyActivitiesManifestTest {

  @TempDir Path root;

  private final String generationId = Generations.newId();
  private final CountingCopywriter writer = new CountingCopywriter(new LocalCopywriter());
  private Manifest manifest;
  private TestActivityEnvironment environment;
  private CopyActivities activities;

  @BeforeEach
  void startEnvironment() {
    LocalMediaStore store = new LocalMediaStore(root);
    manifest = new Manifest(store);
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new CopyActivitiesImpl(
            store,
            writer,
            new StoryScorer(),
            new CohesionScorer(),
            new VideoParamsPlanner(),
            new Narrator(store, new FreeTtsSpeaker())));
    activities =
        environment.newActivityStub(
            CopyActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  @Test
  void asksTheWriterOncePerStepWhenEveryStepRunsTwice() {
    Brief brief = brief();

    Story story = activities.writeStory(generationId, brief, images());
    ScenePlan plan = activities.planScenes(generationId, brief, story, images());
    List<SceneParams> params = activities.prepareVideoParams(generationId, brief, plan, images());
    Story storyAgain = activities.writeStory(generationId, brief, images());
    ScenePlan planAgain = activities.planScenes(generationId, brief, storyAgain, images());
    List<SceneParams> paramsAgain =
        activities.prepareVideoParams(generationId, brief, planAgain, images());

    assertThat(writer.stories).hasValue(1);
    assertThat(writer.plans).hasValue(1);
    assertThat(storyAgain).isEqualTo(story);
    assertThat(planAgain).isEqualTo(plan);
    assertThat(paramsAgain).isEqualTo(params);
    assertThat(manifest.read(generationId, Manifest.STORY)).contains(story);
    assertThat(manifest.read(generationId, Manifest.SCENES)).contains(plan);
    assertThat(manifest.read(generationId, Manifest.PARAMS)).contains(params);
  }

  @Test
  void returnsARecordedStoryAsItIsWithoutAskingTheWriter() {
    Story recorded =
        new Story(
            "Written before the restart",
            List.of(new StoryBeat(StoryBeat.Role.HOOK, "Cold brew, done right.")),
            new Score(77, List.of()));
    manifest.write(generationId, Manifest.STORY, recorded);

    Story story = activities.writeStory(generationId, brief(), images());

    assertThat(story).isEqualTo(recorded);
    assertThat(writer.stories).hasValue(0);
  }

  @Test
  void returnsRecordedParametersEvenForAPlanItCouldNotPrepare() {
    Brief brief = brief();
    Story story = activities.writeStory(generationId, brief, images());
    ScenePlan plan = activities.planScenes(generationId, brief, story, images());
    List<SceneParams> params = activities.prepareVideoParams(generationId, brief, plan, images());

    List<SceneParams> again =
        activities.prepareVideoParams(
            generationId, brief, new ScenePlan(List.of(), plan.cohesion()), images());

    assertThat(again).isEqualTo(params);
  }

  /** A copywriter that counts how often it is asked. */
  private static final class CountingCopywriter implements Copywriter {
    private final Copywriter delegate;
    final AtomicInteger stories = new AtomicInteger();
    final AtomicInteger plans = new AtomicInteger();

    CountingCopywriter(Copywriter delegate) {
      this.delegate = delegate;
    }

    @Override
    public Story writeStory(Brief brief, List<ImageAnalysis> images) {
      stories.incrementAndGet();
      return delegate.writeStory(brief, images);
    }

    @Override
    public List<Scene> planScenes(Brief brief, Story story, List<ImageAnalysis> images) {
      plans.incrementAndGet();
      return delegate.planScenes(brief, story, images);
    }
  }
}
