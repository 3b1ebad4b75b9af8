package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.SceneState;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenerationWorkflowTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ScriptedPipeline activities;
  private String generationId;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    activities = new ScriptedPipeline();
    GenerationSearchAttributes.registerWith(env::registerSearchAttribute);
    GenerationWorkers.register(env.getWorkerFactory(), 4, activities);
    env.start();
    client = env.getWorkflowClient();
    generationId = Generations.newId();
  }

  @AfterEach
  void stopEnvironment() {
    activities.release.countDown();
    env.close();
  }

  private GenerationWorkflow start(int scenes) {
    GenerationInput input = ScriptedPipeline.input(generationId, scenes);
    GenerationWorkflow workflow =
        client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
    WorkflowClient.start(workflow::generate, input);
    return workflow;
  }

  private GenerationResult result() {
    return WorkflowStub.fromTyped(
            client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowId(generationId)))
        .getResult(GenerationResult.class);
  }

  /** Polls the query (in real time) until the snapshot matches. */
  private GenerationSnapshot awaitSnapshot(
      GenerationWorkflow workflow, Predicate<GenerationSnapshot> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    GenerationSnapshot snapshot = workflow.progress(0).snapshot();
    while (!condition.test(snapshot)) {
      assertThat(System.nanoTime()).as("waiting for %s", snapshot).isLessThan(deadline);
      Thread.sleep(20);
      snapshot = workflow.progress(0).snapshot();
    }
    return snapshot;
  }

  @Test
  void emitsTheExactProgressSequenceForAFourSceneAd() {
    GenerationWorkflow workflow = start(4);

    GenerationResult result = result();

    assertThat(result.status()).isEqualTo(Status.COMPLETED);
    List<ProgressUpdate> updates = workflow.progress(0).updates();
    assertThat(updates)
        .extracting(
            ProgressUpdate::seq,
            ProgressUpdate::step,
            ProgressUpdate::status,
            ProgressUpdate::progress,
            ProgressUpdate::message)
        .containsExactly(
            tuple(1L, Step.INIT, Status.IN_PROGRESS, 0, "Starting generation..."),
            tuple(2L, Step.UPLOAD, Status.IN_PROGRESS, 5, "Saving reference images..."),
            tuple(3L, Step.UPLOAD, Status.COMPLETED, 10, "Saved 2 reference images"),
            tuple(
                4L,
                Step.STORY,
                Status.IN_PROGRESS,
                15,
                "Generating story with vision-enhanced AI..."),
            tuple(5L, Step.STORY, Status.COMPLETED, 30, "Story generated (score: 88/100)"),
            tuple(6L, Step.SCENES, Status.IN_PROGRESS, 35, "Generating detailed scenes..."),
            tuple(7L, Step.SCENES, Status.COMPLETED, 55, "Generated 4 scenes (cohesion: 85/100)"),
            tuple(
                8L,
                Step.VIDEO_PARAMS,
                Status.IN_PROGRESS,
                60,
                "Preparing video generation parameters..."),
            tuple(
                9L,
                Step.VIDEO_PARAMS,
                Status.COMPLETED,
                65,
                "Prepared 4 video generation parameter sets"),
            tuple(
                10L,
                Step.VIDEOS,
                Status.IN_PROGRESS,
                70,
                "Generating scene videos (may take several minutes)..."),
            tuple(11L, Step.VIDEOS, Status.IN_PROGRESS, 75, "Scene 1 of 4 rendered"),
            tuple(12L, Step.VIDEOS, Status.IN_PROGRESS, 80, "Scene 2 of 4 rendered"),
            tuple(13L, Step.VIDEOS, Status.IN_PROGRESS, 85, "Scene 3 of 4 rendered"),
            tuple(14L, Step.VIDEOS, Status.IN_PROGRESS, 90, "Scene 4 of 4 rendered"),
            tuple(
                15L,
                Step.VIDEOS,
                Status.COMPLETED,
                95,
                "Videos generated and stitched successfully!"),
            tuple(16L, Step.COMPLETE, Status.COMPLETED, 100, "Generation complete!"));
    assertThat(updates.subList(10, 14))
        .extracting(u -> u.data().sceneVideos().size())
        .containsExactly(1, 2, 3, 4);
    String media = "/media/" + generationId + "/";
    assertThat(updates.get(15).data().sceneVideos())
        .containsExactly(
            media + "scene_videos/scene_01.mp4",
            media + "scene_videos/scene_02.mp4",
            media + "scene_videos/scene_03.mp4",
            media + "scene_videos/scene_04.mp4");
    assertThat(updates.get(15).data().finalVideoPath()).isEqualTo(media + "final.mp4");
    assertThat(updates.get(15).terminal()).isTrue();
  }

  @Test
  void queryMidRunShowsFinishedScenesAndPartialSceneVideos() throws Exception {
    activities.held.put(3, true);
    activities.held.put(4, true);
    GenerationWorkflow workflow = start(4);

    GenerationSnapshot snapshot = awaitSnapshot(workflow, s -> s.sceneVideos().size() == 2);

    assertThat(snapshot.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(snapshot.step()).isEqualTo(Step.VIDEOS);
    assertThat(snapshot.progress()).isEqualTo(80);
    assertThat(snapshot.story().score().total()).isEqualTo(ScriptedPipeline.STORY_SCORE);
    assertThat(snapshot.scenes().cohesion().total()).isEqualTo(ScriptedPipeline.COHESION);
    assertThat(snapshot.sceneStates())
        .extracting(SceneState::status)
        .containsExactly(
            SceneState.RenderStatus.COMPLETED,
            SceneState.RenderStatus.COMPLETED,
            SceneState.RenderStatus.RENDERING,
            SceneState.RenderStatus.RENDERING);
    assertThat(snapshot.finalVideoPath()).isNull();
    assertThat(workflow.progress(snapshot.lastSeq() - 1).updates())
        .singleElement()
        .extracting(ProgressUpdate::message)
        .isEqualTo("Scene 2 of 4 rendered");

    activities.release.countDown();
    assertThat(result().status()).isEqualTo(Status.COMPLETED);
  }

  @Test
  void sceneThatFailsTwiceThenSucceedsCompletesTheAd() {
    activities.transientFailures.put(2, 2);
    start(4);

    GenerationResult result = result();

    assertThat(result.status()).isEqualTo(Status.COMPLETED);
    assertThat(activities.renders(2)).isEqualTo(3);
    assertThat(activities.renders(1)).isEqualTo(1);
  }

  @Test
  void permanentSceneFailureWaitsForRetryWhichRendersOnlyTheMissingScene() throws Exception {
    activities.permanentFailures.put(3, "the provider refused the prompt");
    GenerationWorkflow workflow = start(4);

    GenerationSnapshot failed = awaitSnapshot(workflow, s -> s.status() == Status.FAILED);

    assertThat(failed.error().step()).isEqualTo(Step.VIDEOS);
    assertThat(failed.error().scene()).isEqualTo(3);
    assertThat(failed.error().message())
        .contains("Scene 3 of 4")
        .contains("the provider refused the prompt")
        .contains("Retry");
    assertThat(failed.sceneVideos()).hasSize(3);
    ProgressUpdate last = workflow.progress(failed.lastSeq() - 1).updates().get(0);
    assertThat(last.status()).isEqualTo(Status.FAILED);
    assertThat(last.step()).isEqualTo(Step.VIDEOS);
    assertThat(activities.stitches).hasValue(0);

    activities.permanentFailures.clear();
    assertThat(workflow.retry()).isEqualTo(2);
    GenerationResult result = result();

    assertThat(result.status()).isEqualTo(Status.COMPLETED);
    assertThat(activities.renders(1)).isEqualTo(1);
    assertThat(activities.renders(2)).isEqualTo(1);
    assertThat(activities.renders(4)).isEqualTo(1);
    assertThat(activities.renders(3)).isEqualTo(2);
    GenerationSnapshot done = workflow.progress(0).snapshot();
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(done.error()).isNull();
    List<ProgressUpdate> afterRetry = workflow.progress(failed.lastSeq()).updates();
    assertThat(afterRetry)
        .extracting(ProgressUpdate::progress, ProgressUpdate::message)
        .containsExactly(
            tuple(70, "Generating scene videos (may take several minutes)..."),
            tuple(90, "Scene 4 of 4 rendered"),
            tuple(95, "Videos generated and stitched successfully!"),
            tuple(100, "Generation complete!"));
  }

  @Test
  void rejectsRetryOfAGenerationThatHasNotFailed() throws Exception {
    activities.held.put(1, true);
    GenerationWorkflow workflow = start(3);
    awaitSnapshot(workflow, s -> s.step() == Step.VIDEOS);

    assertThatThrownBy(workflow::retry)
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("Only a failed generation can be retried");

    activities.release.countDown();
    assertThat(result().status()).isEqualTo(Status.COMPLETED);
  }

  @Test
  void cancelWhileRenderingEndsTheGenerationAsCancelled() throws Exception {
    activities.held.put(1, true);
    activities.held.put(2, true);
    GenerationWorkflow workflow = start(4);
    awaitSnapshot(
        workflow,
        s ->
            s.sceneStates().stream()
                .anyMatch(scene -> scene.status() == SceneState.RenderStatus.RENDERING));

    workflow.cancel();
    GenerationResult result = result();

    assertThat(result.status()).isEqualTo(Status.CANCELLED);
    assertThat(result.ad()).isNull();
    GenerationSnapshot snapshot = workflow.progress(0).snapshot();
    assertThat(snapshot.status()).isEqualTo(Status.CANCELLED);
    ProgressUpdate last = workflow.progress(snapshot.lastSeq() - 1).updates().get(0);
    assertThat(last.status()).isEqualTo(Status.CANCELLED);
    assertThat(last.terminal()).isTrue();
    assertThat(activities.stitches).hasValue(0);
    assertThat(activities.renders(3)).isZero();
  }

  /**
   * A cancel may arrive at any moment of a writing step, including as it finishes (the params step
   * speaks the narration, so it takes a while): the generation always ends as cancelled.
   */
  @Test
  void cancelDuringASlowWritingStepEndsTheGenerationAsCancelled() throws Exception {
    activities.paramsTime = Duration.ofMillis(300);
    activities.held.put(1, true);
    activities.held.put(2, true);
    for (int delay = 250; delay <= 350; delay += 25) {
      generationId = Generations.newId();
      GenerationWorkflow workflow = start(2);
      awaitSnapshot(workflow, s -> s.step() == Step.VIDEO_PARAMS);
      Thread.sleep(delay);

      CompletableFuture.runAsync(workflow::cancel).get(20, TimeUnit.SECONDS);

      assertThat(
              WorkflowStub.fromTyped(workflow)
                  .getResult(20, TimeUnit.SECONDS, GenerationResult.class)
                  .status())
          .as("cancelled %d ms into the step", delay)
          .isEqualTo(Status.CANCELLED);
    }
  }

  @Test
  void failedGenerationThatNobodyRetriesEndsAfterTheRetryWindow() throws Exception {
    activities.permanentFailures.put(1, "bad scene");
    GenerationWorkflow workflow = start(3);
    awaitSnapshot(workflow, s -> s.status() == Status.FAILED);

    env.sleep(Duration.ofDays(8));

    assertThatThrownBy(this::result)
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(Failures.ABANDONED.name()));
    assertThat(
            client
                .fetchHistory(Generations.workflowId(generationId))
                .getLastEvent()
                .hasWorkflowExecutionFailedEventAttributes())
        .isTrue();
  }
}
