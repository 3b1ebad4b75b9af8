package dev.reelsmith.api.generations;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.GenerationWorkflow;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.RecordedGeneration;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.ProgressPage;
import dev.reelsmith.workflows.messages.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Generations as the API sees them: start, read, retry, cancel. Every Temporal call and every
 * manifest read blocks, so each runs on the bounded elastic scheduler, never on the event loop.
 *
 * <p>A generation outlives its workflow: when Temporal no longer knows the workflow (the embedded
 * server forgets everything when it stops), its {@link GenerationManifests manifest} still tells
 * its state, and a retry starts a new workflow from it that reuses every finished step.
 */
@Service
public class GenerationService {

  private final WorkflowClient client;
  private final ReelsmithProperties properties;
  private final GenerationManifests manifests;

  public GenerationService(
      WorkflowClient client, ReelsmithProperties properties, GenerationManifests manifests) {
    this.client = client;
    this.properties = properties;
    this.manifests = manifests;
  }

  /** Records and starts a generation whose images are stored. */
  public Mono<String> start(String generationId, Brief brief, List<ImageRef> images) {
    GenerationSettings settings =
        new GenerationSettings(
            properties.maxParallelScenes(), properties.retryWindow().toSeconds());
    GenerationInput input = new GenerationInput(generationId, brief, images, settings);
    return blocking(
        () -> {
          manifests.create(input);
          WorkflowClient.start(newWorkflow(generationId)::generate, input);
          return generationId;
        });
  }

  /** The progress page after {@code afterSeq}; 404 when there is no such workflow. */
  public Mono<ProgressPage> progress(String generationId, long afterSeq) {
    return blocking(() -> workflow(generationId).progress(afterSeq));
  }

  /**
   * The whole state: the workflow's answer while Temporal knows it, otherwise what the manifest
   * recorded (completed, or interrupted and retryable); 404 when neither knows the generation.
   */
  public Mono<GenerationSnapshot> state(String generationId) {
    return call(() -> query(generationId))
        .onErrorResume(WorkflowNotFoundException.class, gone -> recorded(generationId));
  }

  /**
   * The workflow's snapshot. A query waits for a worker to answer it; when the caller gives up (a
   * timeout cancels the subscription, which interrupts the wait) there is no one left to tell, so
   * the failure it causes is not raised: it would only be logged as dropped.
   */
  private GenerationSnapshot query(String generationId) {
    try {
      return workflow(generationId).progress(Long.MAX_VALUE).snapshot();
    } catch (WorkflowServiceException e) {
      if (Thread.currentThread().isInterrupted()) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Resumes a failed generation; 409 when it has not failed. A generation whose workflow is gone
   * starts again from its manifest, under the same id, and continues from the step it had reached.
   */
  public Mono<Integer> retry(String generationId) {
    return call(() -> workflow(generationId).retry())
        .onErrorMap(WorkflowUpdateException.class, e -> conflict(e, "cannot be retried"))
        .onErrorResume(WorkflowNotFoundException.class, gone -> restart(generationId));
  }

  /** Stops a running or failed generation; 409 when it has already ended. */
  public Mono<Void> cancel(String generationId) {
    return call(() -> {
          workflow(generationId).cancel();
          return Boolean.TRUE;
        })
        .onErrorMap(WorkflowUpdateException.class, e -> conflict(e, "cannot be cancelled"))
        .onErrorResume(
            WorkflowNotFoundException.class,
            gone ->
                state(generationId)
                    .flatMap(
                        snapshot ->
                            Mono.error(
                                Problems.of(
                                    HttpStatus.CONFLICT,
                                    "Generation cannot be cancelled",
                                    "It is not running; it is "
                                        + snapshot.status().wireName()
                                        + "."))))
        .then();
  }

  /** A stub of an existing generation's workflow; ids of the wrong shape are never looked up. */
  GenerationWorkflow workflow(String generationId) {
    if (!Generations.isValidId(generationId)) {
      throw Problems.notFound(generationId);
    }
    return client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowId(generationId));
  }

  private GenerationWorkflow newWorkflow(String generationId) {
    return client.newWorkflowStub(
        GenerationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(Generations.workflowId(generationId))
            .setTaskQueue(Generations.TASK_QUEUE)
            .build());
  }

  /** The snapshot the manifest records; 404 when there is none. */
  private Mono<GenerationSnapshot> recorded(String generationId) {
    return call(
        () ->
            manifests
                .recorded(generationId)
                .map(RecordedGeneration::snapshot)
                .orElseThrow(() -> Problems.notFound(generationId)));
  }

  /**
   * Starts a new workflow for a failed generation whose workflow is gone or closed, with the input
   * it was created with. Its activities find their steps' results in the manifest, so nothing
   * finished is made again. The new workflow counts its attempts from 1.
   */
  private Mono<Integer> restart(String generationId) {
    return state(generationId)
        .flatMap(
            snapshot -> {
              if (snapshot.status() != Status.FAILED) {
                return Mono.error(
                    Problems.of(
                        HttpStatus.CONFLICT,
                        "Generation cannot be retried",
                        "Only a failed generation can be retried; this one is "
                            + snapshot.status().wireName()
                            + "."));
              }
              return call(
                  () -> {
                    Manifest.Created created =
                        manifests
                            .created(generationId)
                            .orElseThrow(() -> Problems.notFound(generationId));
                    WorkflowClient.start(newWorkflow(generationId)::generate, created.input());
                    return 1;
                  });
            })
        .onErrorMap(
            WorkflowExecutionAlreadyStarted.class,
            e ->
                Problems.of(
                    HttpStatus.CONFLICT,
                    "Generation cannot be retried",
                    "It has just been started again."));
  }

  /** Runs a blocking call off the event loop. */
  private static <T> Mono<T> call(Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }

  /** Like {@link #call}, with a workflow Temporal does not know answered as 404. */
  private static <T> Mono<T> blocking(Callable<T> call) {
    return call(call)
        .onErrorMap(
            WorkflowNotFoundException.class,
            e -> Problems.notFound(Generations.generationId(e.getExecution().getWorkflowId())));
  }

  private static RuntimeException conflict(WorkflowUpdateException e, String what) {
    String reason =
        e.getCause() instanceof ApplicationFailure failure
            ? failure.getOriginalMessage()
            : e.getMessage();
    return Problems.of(HttpStatus.CONFLICT, "Generation " + what, reason);
  }
}
