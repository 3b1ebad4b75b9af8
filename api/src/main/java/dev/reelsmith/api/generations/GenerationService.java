package dev.reelsmith.api.generations;

import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.GenerationWorkflow;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.RecordedGeneration;
import dev.reelsmith.workflows.Refusals;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.ProgressPage;
import io.grpc.Context;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

  /** Cancels the gRPC contexts of queries that ran past their deadline. */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "reelsmith-query-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  private final WorkflowClient client;
  private final ReelsmithProperties properties;
  private final GenerationManifests manifests;

  public GenerationService(
      WorkflowClient client, ReelsmithProperties properties, GenerationManifests manifests) {
    this.client = client;
    this.properties = properties;
    this.manifests = manifests;
  }

  /**
   * Records and starts a generation whose images are stored, owned by {@code owner}. It counts
   * against the owner's limit of running generations; the owner's others wait in line.
   */
  public Mono<String> start(
      String owner,
      String generationId,
      Brief brief,
      List<ImageRef> images,
      @Nullable String music) {
    GenerationSettings settings =
        new GenerationSettings(
            properties.maxParallelScenes(),
            properties.retryWindow().toSeconds(),
            properties.maxRunningPerUser());
    GenerationInput input =
        new GenerationInput(generationId, brief, images, settings, owner, music);
    return blocking(
        () -> {
          manifests.create(input);
          WorkflowClient.start(newWorkflow(input)::generate, input);
          return generationId;
        });
  }

  /** The progress page after {@code afterSeq}; 404 when there is no such workflow. */
  public Mono<ProgressPage> progress(String generationId, long afterSeq) {
    return blocking(() -> workflow(generationId).progress(afterSeq));
  }

  /**
   * Like {@link #progress(String, long)}, but gives up after {@code deadline}. A query is answered
   * by a worker, so without one it would otherwise wait about a minute (the SDK retries its own
   * timeouts); the caller can say "waiting for a worker" sooner and try again.
   */
  public Mono<ProgressPage> progress(String generationId, long afterSeq, Duration deadline) {
    return blocking(
        () -> {
          try (Context.CancellableContext context =
              Context.current()
                  .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS, DEADLINES)) {
            return context.call(() -> workflow(generationId).progress(afterSeq));
          }
        });
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
   * Resumes a failed generation; 409 when it has not failed. A running workflow's validator
   * decides; a generation whose workflow is closed or gone starts again from its manifest, under
   * the same id, and continues from the step it had reached.
   */
  public Mono<Integer> retry(String generationId) {
    return call(() -> workflow(generationId).retry())
        .onErrorMap(WorkflowUpdateException.class, e -> conflict("retried", reason(e)))
        .onErrorResume(WorkflowNotFoundException.class, gone -> restart(generationId));
  }

  /**
   * Stops a running or failed generation; 409 when it has already ended. A closed workflow takes no
   * updates, so its refusal comes from its final state.
   */
  public Mono<Void> cancel(String generationId) {
    return call(() -> {
          workflow(generationId).cancel();
          return Boolean.TRUE;
        })
        .onErrorMap(WorkflowUpdateException.class, e -> conflict("cancelled", reason(e)))
        .onErrorResume(
            WorkflowNotFoundException.class,
            gone ->
                state(generationId)
                    .flatMap(
                        snapshot ->
                            Mono.error(
                                conflict(
                                    "cancelled",
                                    Objects.requireNonNullElse(
                                        Refusals.cancel(snapshot.status()),
                                        "It is not running; it is "
                                            + snapshot.status().wireName()
                                            + ".")))))
        .then();
  }

  /** A stub of an existing generation's workflow; ids of the wrong shape are never looked up. */
  GenerationWorkflow workflow(String generationId) {
    if (!Generations.isValidId(generationId)) {
      throw Problems.notFound(generationId);
    }
    return client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowId(generationId));
  }

  /** A stub that starts a generation's workflow, findable and described in Temporal Web. */
  private GenerationWorkflow newWorkflow(GenerationInput input) {
    return client.newWorkflowStub(GenerationWorkflow.class, Generations.workflowOptions(input));
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
              String refusal = Refusals.retry(snapshot.status());
              if (refusal != null) {
                return Mono.error(conflict("retried", refusal));
              }
              return call(
                  () -> {
                    Manifest.Created created =
                        manifests
                            .created(generationId)
                            .orElseThrow(() -> Problems.notFound(generationId));
                    GenerationInput input = created.input();
                    if (input.owner() == null) {
                      // Recorded before accounts: its owner (and admission) is the local user's.
                      input =
                          new GenerationInput(
                              input.generationId(),
                              input.brief(),
                              input.images(),
                              input.settings(),
                              GenerationAccess.ownerOf(created),
                              input.music());
                    }
                    WorkflowClient.start(newWorkflow(input)::generate, input);
                    return 1;
                  });
            })
        .onErrorMap(
            WorkflowExecutionAlreadyStarted.class,
            e -> conflict("retried", "It has just been started again."));
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

  private static String reason(WorkflowUpdateException e) {
    return e.getCause() instanceof ApplicationFailure failure
        ? failure.getOriginalMessage()
        : e.getMessage();
  }

  private static RuntimeException conflict(String verb, String reason) {
    return Problems.of(HttpStatus.CONFLICT, "Generation cannot be " + verb, reason);
  }
}
