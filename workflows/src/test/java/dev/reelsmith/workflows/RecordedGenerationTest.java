package dev.reelsmith.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.SceneState;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.testing.ScriptedPipeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A generation rebuilt from its recorded steps reads like the workflow's own snapshot. */
class RecordedGenerationTest {

  private final String id = Generations.newId();
  private final ScriptedPipeline pipeline = new ScriptedPipeline();
  private final GenerationInput input = ScriptedPipeline.input(id, 3);
  private final List<ImageAnalysis> images = pipeline.analyzeImages(id, input.images());
  private final Story story = pipeline.writeStory(id, input.brief(), images);
  private final ScenePlan plan = pipeline.planScenes(id, input.brief(), story, images);
  private final List<SceneParams> params =
      pipeline.prepareVideoParams(id, input.brief(), plan, images);

  private SceneVideo scene(int index) {
    return pipeline.renderScene(id, params.get(index - 1));
  }

  private RecordedGeneration recorded(
      List<ImageAnalysis> images,
      Story story,
      ScenePlan plan,
      List<SceneParams> params,
      List<SceneVideo> scenes,
      FinalAd ad) {
    return new RecordedGeneration(id, input.brief(), images, story, plan, params, scenes, ad);
  }

  @Test
  void aGenerationWithItsAdRecordedIsCompleteLikeTheWorkflowSaidItWas() {
    FinalAd ad =
        pipeline.stitchAd(id, input.brief(), params, List.of(scene(1), scene(2), scene(3)));
    GenerationSnapshot live = runWorkflow();

    GenerationSnapshot restored =
        recorded(images, story, plan, params, List.of(scene(3), scene(1), scene(2)), ad).snapshot();

    assertThat(restored).usingRecursiveComparison().ignoringFields("lastSeq").isEqualTo(live);
  }

  @Test
  void theAdsRecordAloneMakesAGenerationComplete() {
    FinalAd ad = new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 30, 1280, 720);

    GenerationSnapshot snapshot = recorded(null, null, null, null, List.of(), ad).snapshot();

    assertThat(snapshot.status()).isEqualTo(Status.COMPLETED);
    assertThat(snapshot.step()).isEqualTo(Step.COMPLETE);
    assertThat(snapshot.progress()).isEqualTo(100);
    assertThat(snapshot.error()).isNull();
  }

  @Test
  void aGenerationWithoutItsStoryWasInterruptedAtTheStoryStep() {
    RecordedGeneration generation = recorded(images, null, null, null, List.of(), null);

    GenerationSnapshot snapshot = generation.snapshot();

    assertThat(generation.completed()).isFalse();
    assertThat(generation.resumesAt()).isEqualTo(Step.STORY);
    assertThat(snapshot.status()).isEqualTo(Status.FAILED);
    assertThat(snapshot.step()).isEqualTo(Step.STORY);
    assertThat(snapshot.progress()).isEqualTo(15);
    assertThat(snapshot.images()).isEqualTo(images);
    assertThat(snapshot.story()).isNull();
    assertThat(snapshot.error().type()).isEqualTo(Failures.INTERRUPTED.name());
    assertThat(snapshot.error().step()).isEqualTo(Step.STORY);
    assertThat(snapshot.message())
        .isEqualTo(snapshot.error().message())
        .contains("interrupted at the story step")
        .contains("Press Retry");
    assertThat(snapshot.finalVideoPath()).isNull();
  }

  @Test
  void aGenerationWithSomeScenesRenderedKeepsThemAndResumesAtTheVideos() {
    GenerationSnapshot snapshot =
        recorded(images, story, plan, params, List.of(scene(2)), null).snapshot();

    assertThat(snapshot.step()).isEqualTo(Step.VIDEOS);
    assertThat(snapshot.status()).isEqualTo(Status.FAILED);
    assertThat(snapshot.progress()).isEqualTo(Milestone.scene(1, 3));
    assertThat(snapshot.sceneVideos())
        .containsExactly(MediaLayout.url(id, MediaLayout.sceneVideo(2)));
    assertThat(snapshot.sceneStates())
        .extracting(SceneState::index, SceneState::status)
        .containsExactly(
            tuple(1, SceneState.RenderStatus.PENDING),
            tuple(2, SceneState.RenderStatus.COMPLETED),
            tuple(3, SceneState.RenderStatus.PENDING));
    assertThat(snapshot.error().message()).contains("The 1 finished scene(s) are kept.");
  }

  @Test
  void aGenerationWithNothingRecordedResumesAtTheUpload() {
    GenerationSnapshot snapshot = recorded(null, null, null, null, List.of(), null).snapshot();

    assertThat(snapshot.step()).isEqualTo(Step.UPLOAD);
    assertThat(snapshot.progress()).isEqualTo(5);
    assertThat(snapshot.images()).isEmpty();
    assertThat(snapshot.sceneStates()).isEmpty();
  }

  private GenerationSnapshot runWorkflow() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      GenerationSearchAttributes.registerWith(env::registerSearchAttribute);
      GenerationWorkers.register(env.getWorkerFactory(), 2, new ScriptedPipeline());
      env.start();
      GenerationWorkflow workflow =
          env.getWorkflowClient()
              .newWorkflowStub(
                  GenerationWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(Generations.workflowId(id))
                      .setTaskQueue(Generations.TASK_QUEUE)
                      .build());
      WorkflowClient.start(workflow::generate, input);
      WorkflowStub.fromTyped(workflow).getResult(GenerationResult.class);
      return workflow.progress(Long.MAX_VALUE).snapshot();
    }
  }
}
