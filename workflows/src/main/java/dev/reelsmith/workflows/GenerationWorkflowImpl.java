package dev.reelsmith.workflows;

import com.uber.m3.tally.Scope;
import dev.reelsmith.workflows.messages.AdmissionNotice;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationError;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ProgressPage;
import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.SceneState;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.messages.Story;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowSemaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * The pipeline of PRODUCT.md §2, one step after another. Each step's result is kept in workflow
 * state, so a retry after a failure runs only what is still missing: finished scenes are never
 * rendered again. Each attempt first takes one of its owner's slots ({@link Admission}) and gives
 * it back when it ends, so a failed generation waiting for a retry holds none.
 *
 * <p>For operators in Temporal Web it keeps its {@link GenerationSearchAttributes search
 * attributes} (step and status) and its current details up to date, and names each activity call
 * ({@link Summaries}).
 */
@WorkflowImpl(taskQueues = Generations.TASK_QUEUE)
public class GenerationWorkflowImpl implements GenerationWorkflow {

  private static final Logger log = Workflow.getLogger(GenerationWorkflowImpl.class);

  /**
   * Generations started before the search attributes existed never upsert them: their histories
   * have no such commands, and their namespace may not know the attributes.
   */
  static final String SEARCH_ATTRIBUTES_CHANGE = "operator-search-attributes";

  /**
   * Generations started before the image and writing steps were abandoned on cancel asked them to
   * stop; their histories hold that request, so they keep doing so (see {@link
   * PipelineOptions#COPY}).
   */
  static final String ABANDON_SHORT_STEPS_CHANGE = "abandon-short-steps-on-cancel";

  private final GenerationInput input;
  private final String id;
  private final Admission admission;
  private final List<ProgressUpdate> updates = new ArrayList<>();

  private int attempt = 1;
  private Step step = Step.INIT;
  private Status status = Status.IN_PROGRESS;
  private int progress;
  private String message = "";
  private Milestone milestone = Milestone.STARTING;

  /** The admission's latest answer while the attempt waits for a slot; null otherwise. */
  private AdmissionNotice waiting;

  private boolean upsertsSearchAttributes;
  private boolean abandonsShortSteps;

  private List<ImageAnalysis> analyses;
  private Story story;
  private ScenePlan plan;
  private List<SceneParams> params;
  private final Map<Integer, SceneVideo> rendered = new TreeMap<>();
  private final Map<Integer, SceneState> sceneStates = new TreeMap<>();
  private FinalAd ad;
  private GenerationError error;

  /** Counts and times generations for operators; the SDK drops these while replaying. */
  private final Scope metrics = Workflow.getMetricsScope();

  private long stepStartedAt;

  private boolean retryRequested;
  private boolean cancelRequested;
  private CancellationScope attemptScope;

  @WorkflowInit
  public GenerationWorkflowImpl(GenerationInput input) {
    this.input = input;
    this.id = input.generationId();
    this.admission = new Admission(input.owner(), input.settings().maxRunningPerUser());
  }

  @Override
  public GenerationResult generate(GenerationInput input) {
    upsertsSearchAttributes =
        Workflow.getVersion(SEARCH_ATTRIBUTES_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    abandonsShortSteps =
        Workflow.getVersion(ABANDON_SHORT_STEPS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    metrics.counter("reelsmith_generations_started").inc(1);
    report(Milestone.STARTING);
    while (true) {
      GenerationError failure = runAttempt();
      admission.leave();
      if (cancelRequested) {
        return cancelled();
      }
      if (failure == null) {
        metrics.counter("reelsmith_generations_completed").inc(1);
        return new GenerationResult(id, Status.COMPLETED, ad);
      }
      fail(failure);
      if (!awaitRetry()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Nobody retried within "
                + Duration.ofSeconds(input.settings().retryWindowSeconds()).toDays()
                + " days after: "
                + failure.message(),
            Failures.ABANDONED.name());
      }
      if (cancelRequested) {
        return cancelled();
      }
    }
  }

  /** Runs the pipeline once; returns what failed, or null when it completed or was cancelled. */
  private GenerationError runAttempt() {
    List<GenerationError> failure = new ArrayList<>(1);
    publish();
    attemptScope =
        Workflow.newCancellationScope(
            () -> {
              try {
                pipeline();
              } catch (StepFailed e) {
                failure.add(e.error);
              } catch (ActivityFailure e) {
                if (!cancelled(e)) {
                  failure.add(describe(step, null, e));
                }
              } catch (CanceledFailure e) {
                cancelRequested = true;
              }
            });
    attemptScope.run();
    attemptScope = null;
    return failure.isEmpty() ? null : failure.get(0);
  }

  private void pipeline() {
    admission.enter(this::reportQueued);
    if (analyses == null) {
      report(Milestone.SAVING_IMAGES);
      analyses =
          images(Summaries.analyseImages(input.images().size())).analyzeImages(id, input.images());
      report(Milestone.IMAGES_SAVED, analyses.size());
    }
    if (story == null) {
      report(Milestone.WRITING_STORY);
      story = copy(Summaries.writeStory()).writeStory(id, input.brief(), analyses);
      report(Milestone.STORY_WRITTEN, story.score().total());
    }
    if (plan == null) {
      report(Milestone.PLANNING_SCENES);
      plan =
          copy(Summaries.planScenes(input.brief().sceneCount()))
              .planScenes(id, input.brief(), story, analyses);
      plan.scenes().forEach(s -> sceneStates.put(s.index(), SceneState.pending(s.index())));
      report(Milestone.SCENES_PLANNED, plan.scenes().size(), plan.cohesion().total());
    }
    if (params == null) {
      report(Milestone.PREPARING_PARAMS);
      params =
          copy(Summaries.prepareParams(plan.scenes().size()))
              .prepareVideoParams(id, input.brief(), plan, analyses);
      report(Milestone.PARAMS_PREPARED, params.size());
    }
    if (ad == null) {
      report(Milestone.RENDERING);
      renderScenes();
      ad =
          stitcher(Summaries.stitch(params.size()))
              .stitchAd(id, input.brief(), params, List.copyOf(rendered.values()));
      report(Milestone.STITCHED);
    }
    report(Milestone.COMPLETE);
  }

  /**
   * Renders every scene not rendered yet, at most {@code max_parallel_scenes} at once. A failed
   * scene does not stop the others: all run to the end, then the first failure is raised.
   */
  private void renderScenes() {
    WorkflowSemaphore slots = Workflow.newWorkflowSemaphore(input.settings().maxParallelScenes());
    List<Promise<GenerationError>> renders = new ArrayList<>();
    for (SceneParams scene : params) {
      if (!rendered.containsKey(scene.index())) {
        renders.add(Async.function(() -> renderScene(scene, slots)));
      }
    }
    Promise.allOf(renders).get();
    for (Promise<GenerationError> render : renders) {
      if (render.get() != null) {
        throw new StepFailed(render.get());
      }
    }
  }

  private GenerationError renderScene(SceneParams scene, WorkflowSemaphore slots) {
    slots.acquire(1);
    try {
      sceneStates.put(scene.index(), sceneStates.get(scene.index()).rendering());
      SceneVideo video =
          renderer(Summaries.renderScene(scene.index(), params.size())).renderScene(id, scene);
      rendered.put(scene.index(), video);
      sceneStates.put(
          scene.index(),
          sceneStates
              .get(scene.index())
              .completed(MediaLayout.url(id, video.path()), MediaLayout.url(id, video.poster())));
      reportAt(
          Milestone.SCENE_RENDERED,
          Milestone.scene(rendered.size(), params.size()),
          rendered.size(),
          params.size());
      return null;
    } catch (ActivityFailure e) {
      if (cancelled(e)) {
        throw e;
      }
      GenerationError failure = describe(Step.VIDEOS, scene.index(), e);
      sceneStates.put(scene.index(), sceneStates.get(scene.index()).failed(failure.message()));
      return failure;
    } finally {
      slots.release(1);
    }
  }

  /** Waits for {@link #retry()} or {@link #cancel()}; false when the retry window passed. */
  private boolean awaitRetry() {
    try {
      return Workflow.await(
          Duration.ofSeconds(input.settings().retryWindowSeconds()),
          () -> retryRequested || cancelRequested);
    } catch (CanceledFailure e) {
      cancelRequested = true;
      return true;
    } finally {
      retryRequested = false;
    }
  }

  @Override
  public void admission(AdmissionNotice notice) {
    admission.onNotice(notice);
  }

  /** Waiting for a slot, at the step and percentage where the attempt stands. */
  private void reportQueued(AdmissionNotice notice) {
    waiting = notice;
    record(step, Status.IN_PROGRESS, progress, Milestone.queued(notice.running(), notice.ahead()));
  }

  @Override
  public ProgressPage progress(long afterSeq) {
    int from = (int) Math.max(0, Math.min(afterSeq, updates.size()));
    return new ProgressPage(List.copyOf(updates.subList(from, updates.size())), snapshot());
  }

  @Override
  public void validateRetry() {
    String refusal = Refusals.retry(status);
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
  }

  @Override
  public int retry() {
    attempt++;
    error = null;
    status = Status.IN_PROGRESS;
    sceneStates.replaceAll((index, state) -> state.done() ? state : SceneState.pending(index));
    retryRequested = true;
    log.info("Retry requested; attempt {} resumes at step {}", attempt, step.wireName());
    return attempt;
  }

  @Override
  public void validateCancel() {
    String refusal = Refusals.cancel(status);
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
  }

  @Override
  public void cancel() {
    cancelRequested = true;
    if (attemptScope != null) {
      attemptScope.cancel("cancelled by the user");
    }
  }

  private GenerationResult cancelled() {
    metrics.counter("reelsmith_generations_cancelled").inc(1);
    status = Status.CANCELLED;
    sceneStates.replaceAll((index, state) -> state.done() ? state : SceneState.pending(index));
    record(step, Status.CANCELLED, progress, "Generation cancelled");
    return new GenerationResult(id, Status.CANCELLED, ad);
  }

  private void fail(GenerationError failure) {
    metrics.counter("reelsmith_generations_failed").inc(1);
    error = failure;
    status = Status.FAILED;
    record(failure.step(), Status.FAILED, progress, failure.message());
    log.warn("Generation failed at {}: {}", failure.step().wireName(), failure.message());
  }

  private void report(Milestone milestone, Object... args) {
    reportAt(milestone, milestone.percent, args);
  }

  private void reportAt(Milestone milestone, int percent, Object... args) {
    if (milestone.status == Status.COMPLETED && milestone.step != Step.COMPLETE) {
      metrics
          .tagged(Map.of("step", milestone.step.wireName()))
          .timer("reelsmith_step_duration")
          .record(com.uber.m3.util.Duration.ofMillis(Workflow.currentTimeMillis() - stepStartedAt));
    } else if (milestone != Milestone.SCENE_RENDERED) {
      stepStartedAt = Workflow.currentTimeMillis();
    }
    this.milestone = milestone;
    waiting = null;
    step = milestone.step;
    status = Status.IN_PROGRESS;
    record(milestone.step, milestone.status, percent, milestone.message(args));
  }

  private void record(Step step, Status updateStatus, int percent, String text) {
    progress = percent;
    message = text;
    updates.add(
        new ProgressUpdate(
            updates.size() + 1,
            step,
            updateStatus,
            percent,
            text,
            new ProgressUpdate.Data(sceneVideos(), finalVideo())));
    if (step == Step.COMPLETE) {
      status = Status.COMPLETED;
    }
    publish();
  }

  /**
   * Shows operators where the generation stands: its current details, and the search attributes
   * whose values changed.
   */
  private void publish() {
    Workflow.setCurrentDetails(Summaries.attempt(currentDetails(), attempt));
    if (!upsertsSearchAttributes) {
      return;
    }
    List<SearchAttributeUpdate<?>> changes =
        GenerationSearchAttributes.changes(
            Workflow.getTypedSearchAttributes(), input, step, status);
    if (!changes.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(changes.toArray(new SearchAttributeUpdate<?>[0]));
    }
  }

  private String currentDetails() {
    if (status == Status.FAILED && error != null) {
      return Summaries.failed(error);
    }
    if (status == Status.CANCELLED) {
      return Summaries.cancelled(step.wireName());
    }
    if (waiting != null) {
      return Summaries.queued(waiting);
    }
    return Summaries.working(input, milestone, rendered.size(), params == null ? 0 : params.size());
  }

  private ImageActivities images(String summary) {
    return Workflow.newActivityStub(
        ImageActivities.class, summarised(shortStep(PipelineOptions.IMAGES), summary));
  }

  private CopyActivities copy(String summary) {
    return Workflow.newActivityStub(
        CopyActivities.class, summarised(shortStep(PipelineOptions.COPY), summary));
  }

  /**
   * The step's options, or, for a generation started before {@link #ABANDON_SHORT_STEPS_CHANGE},
   * the cancellation it was started with.
   */
  private ActivityOptions shortStep(ActivityOptions options) {
    return abandonsShortSteps
        ? options
        : options.toBuilder().setCancellationType(ActivityCancellationType.TRY_CANCEL).build();
  }

  private RenderActivities renderer(String summary) {
    return Workflow.newActivityStub(
        RenderActivities.class, summarised(PipelineOptions.RENDER, summary));
  }

  private RenderActivities stitcher(String summary) {
    return Workflow.newActivityStub(
        RenderActivities.class, summarised(PipelineOptions.STITCH, summary));
  }

  private static ActivityOptions summarised(ActivityOptions options, String summary) {
    return options.toBuilder().setSummary(summary).build();
  }

  private GenerationSnapshot snapshot() {
    return new GenerationSnapshot(
        id,
        attempt,
        step,
        status,
        progress,
        message,
        input.brief(),
        analyses == null ? List.of() : analyses,
        story,
        plan,
        List.copyOf(sceneStates.values()),
        sceneVideos(),
        finalVideo(),
        ad == null ? null : MediaLayout.url(id, ad.poster()),
        ad == null ? null : ad.durationSeconds(),
        error,
        updates.size());
  }

  private List<String> sceneVideos() {
    return rendered.values().stream().map(v -> MediaLayout.url(id, v.path())).toList();
  }

  private String finalVideo() {
    return ad == null ? null : MediaLayout.url(id, ad.path());
  }

  private static boolean cancelled(ActivityFailure failure) {
    return failure.getCause() instanceof CanceledFailure;
  }

  /** Turns an activity failure into words a person can act on: which step, scene and cause. */
  private GenerationError describe(Step failedStep, Integer scene, ActivityFailure failure) {
    Throwable cause = failure.getCause();
    String type = null;
    String reason;
    if (cause instanceof ApplicationFailure app) {
      type = app.getType();
      reason = app.getOriginalMessage();
    } else if (cause instanceof TimeoutFailure timeout) {
      type = "TIMEOUT";
      reason = "the worker did not finish in time (" + timeout.getTimeoutType() + ")";
    } else {
      reason = cause == null ? failure.getMessage() : cause.getMessage();
    }
    String where =
        scene == null
            ? "The " + failedStep.wireName() + " step failed"
            : "Scene " + scene + " of " + params.size() + " failed to render";
    String kept =
        scene == null || rendered.isEmpty()
            ? ""
            : " The " + rendered.size() + " finished scene(s) are kept.";
    String sentence = reason == null ? "unknown error" : reason.strip().replaceAll("[.\\s]+$", "");
    return new GenerationError(
        failedStep, scene, type, where + ": " + sentence + ". Press Retry to try again." + kept);
  }

  /** A step that failed for good in this attempt; caught by {@link #runAttempt}. */
  private static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient GenerationError error;

    StepFailed(GenerationError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }
}
