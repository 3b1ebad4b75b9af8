package dev.reelsmith.api.generations;

import dev.reelsmith.api.ReelsmithProperties;
import dev.reelsmith.api.problems.Problems;
import dev.reelsmith.workflows.GenerationWorkflow;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.Refusals;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.ProgressPage;
import dev.reelsmith.workflows.messages.Status;
import io.grpc.Context;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Generations as the API sees them: start, read, retry, cancel. Every Temporal call blocks, so each
 * runs on the bounded elastic scheduler, never on the event loop.
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

  public GenerationService(WorkflowClient client, ReelsmithProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** Starts the workflow of a generation whose images are stored. */
  public Mono<String> start(String generationId, Brief brief, List<ImageRef> images) {
    GenerationSettings settings =
        new GenerationSettings(
            properties.maxParallelScenes(), properties.retryWindow().toSeconds());
    return blocking(
        () -> {
          WorkflowClient.start(
              newWorkflow(generationId)::generate,
              new GenerationInput(generationId, brief, images, settings));
          return generationId;
        });
  }

  /** The progress page after {@code afterSeq}; 404 when there is no such generation. */
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

  /** Resumes a failed generation; 409 when it has not failed. */
  public Mono<Integer> retry(String generationId) {
    return update(generationId, GenerationWorkflow::retry, Refusals::retry, "cannot be retried");
  }

  /** Stops a running or failed generation; 409 when it has already ended. */
  public Mono<Void> cancel(String generationId) {
    return update(
            generationId,
            workflow -> {
              workflow.cancel();
              return Boolean.TRUE;
            },
            Refusals::cancel,
            "cannot be cancelled")
        .then();
  }

  /**
   * Sends an update. A running workflow's validator refuses with its own reason; a closed workflow
   * takes no updates at all, so its refusal comes from its final status.
   */
  private <T> Mono<T> update(
      String generationId,
      Function<GenerationWorkflow, T> call,
      Function<Status, String> refusal,
      String what) {
    return Mono.fromCallable(
            () -> {
              GenerationWorkflow workflow = workflow(generationId);
              try {
                return call.apply(workflow);
              } catch (WorkflowUpdateException e) {
                throw conflict(what, reason(e));
              } catch (WorkflowNotFoundException e) {
                Status status = workflow.progress(Long.MAX_VALUE).snapshot().status();
                throw conflict(
                    what,
                    Objects.requireNonNullElse(
                        refusal.apply(status), "This generation has ended; start a new one."));
              }
            })
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorMap(WorkflowNotFoundException.class, GenerationService::notFound);
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
        GenerationWorkflow.class, Generations.workflowOptions(generationId));
  }

  private static <T> Mono<T> blocking(Callable<T> call) {
    return Mono.fromCallable(call)
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorMap(WorkflowNotFoundException.class, GenerationService::notFound);
  }

  private static RuntimeException notFound(WorkflowNotFoundException e) {
    return Problems.notFound(Generations.generationId(e.getExecution().getWorkflowId()));
  }

  private static String reason(WorkflowUpdateException e) {
    return e.getCause() instanceof ApplicationFailure failure
        ? failure.getOriginalMessage()
        : e.getMessage();
  }

  private static RuntimeException conflict(String what, String reason) {
    return Problems.of(HttpStatus.CONFLICT, "Generation " + what, reason);
  }
}
