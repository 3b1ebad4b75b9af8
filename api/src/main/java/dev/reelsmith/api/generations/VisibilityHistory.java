package dev.reelsmith.api.generations;

import dev.reelsmith.workflows.GenerationSearchAttributes;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.RecordedGeneration;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.testing.TestWorkflowEnvironment;
import java.security.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The history from Temporal's visibility store, the default with a real Temporal server ({@code
 * TEMPORAL_ADDRESS}): the caller's generations are the generation workflows whose {@link
 * GenerationSearchAttributes#USER} is the caller, their product and status come from the other
 * search attributes, so a page costs one listing instead of a query per generation. A completed
 * generation's length, poster and final video come from its manifest, which records the ad.
 *
 * <p>What Temporal's visibility store sets as limits:
 *
 * <ul>
 *   <li>It lists the workflows its namespace keeps: a generation that ended longer ago than the
 *       namespace's retention period is not listed, though its media and manifest stay and its page
 *       still shows it. Keep the retention at least as long as {@code REELSMITH_RETENTION_DAYS}, or
 *       list from the manifests ({@code REELSMITH_HISTORY=manifests}).
 *   <li>It is eventually consistent: a generation started a moment ago, or a status just changed,
 *       may show a second later.
 *   <li>SQL visibility stores refuse {@code ORDER BY} and list running workflows first, then the
 *       others by close time; so this reads all of the caller's generations (at most {@link #MOST})
 *       and orders them by creation, newest first, itself.
 *   <li>Generations started before their workflows had search attributes have none, and are not
 *       listed.
 * </ul>
 *
 * <p>A retried generation whose workflow had closed runs again under the same workflow id: its runs
 * make one row, created when the first started, in the state of the latest.
 */
@Component
@ConditionalOnProperty(name = "reelsmith.history", havingValue = "visibility")
public class VisibilityHistory implements GenerationHistory {

  /** More generations than one person makes; past it, the oldest are not listed. */
  static final int MOST = 10_000;

  private static final Comparator<Generation> NEWEST_FIRST =
      Comparator.comparing(Generation::createdAt).reversed().thenComparing(Generation::workflowId);

  /** The executions a visibility query matches: {@link WorkflowClient#listExecutions}. */
  interface Executions {
    Stream<WorkflowExecutionMetadata> list(String query);
  }

  private final Executions executions;
  private final GenerationManifests manifests;

  @Autowired
  public VisibilityHistory(
      WorkflowClient client,
      GenerationManifests manifests,
      ObjectProvider<TestWorkflowEnvironment> embedded) {
    this(client::listExecutions, manifests);
    if (embedded.getIfAvailable() != null) {
      throw new IllegalStateException(
          "REELSMITH_HISTORY=visibility needs a Temporal server (TEMPORAL_ADDRESS): the"
              + " in-process one cannot list workflows. Unset it to list from the manifests.");
    }
  }

  VisibilityHistory(Executions executions, GenerationManifests manifests) {
    this.executions = executions;
    this.manifests = manifests;
  }

  @Override
  public Mono<Page> page(Principal caller, int page, int size) {
    return Mono.fromCallable(
            () -> {
              List<Generation> all = generations(caller.getName());
              List<Item> items =
                  all.stream().skip((long) page * size).limit(size).map(this::item).toList();
              return new Page(items, page, size, all.size());
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** The owner's generations, newest first: each workflow id's runs together. */
  private List<Generation> generations(String owner) {
    Map<String, Generation> byWorkflowId = new LinkedHashMap<>();
    try (Stream<WorkflowExecutionMetadata> runs =
        executions.list(GenerationSearchAttributes.ownedBy(owner))) {
      runs.limit(MOST)
          .forEach(
              run ->
                  byWorkflowId.merge(
                      run.getExecution().getWorkflowId(),
                      new Generation(run, run),
                      Generation::and));
    }
    return byWorkflowId.values().stream().sorted(NEWEST_FIRST).toList();
  }

  private Item item(Generation generation) {
    WorkflowExecutionMetadata latest = generation.latest();
    String id = Generations.generationId(generation.workflowId());
    Status status = status(latest);
    GenerationSnapshot recorded =
        status == Status.COMPLETED
            ? manifests.recorded(id).map(RecordedGeneration::snapshot).orElse(null)
            : null;
    return new Item(
        id,
        productName(id, latest),
        status,
        generation.createdAt(),
        recorded == null ? null : recorded.durationSeconds(),
        recorded == null ? null : recorded.posterPath(),
        recorded == null ? null : recorded.finalVideoPath());
  }

  private String productName(String generationId, WorkflowExecutionMetadata run) {
    String product = run.getTypedSearchAttributes().get(GenerationSearchAttributes.PRODUCT);
    if (product != null) {
      return product;
    }
    return manifests.created(generationId).map(created -> created.brief().productName()).orElse("");
  }

  /**
   * The generation's status as its page shows it. A failed generation waiting for a retry is a
   * running workflow; a cancelled one completes; one nobody retried in time fails; one an operator
   * terminated will not go on either.
   */
  static Status status(WorkflowExecutionMetadata run) {
    String recorded = run.getTypedSearchAttributes().get(GenerationSearchAttributes.STATUS);
    return switch (run.getStatus()) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING ->
          Status.FAILED.wireName().equals(recorded) ? Status.FAILED : Status.IN_PROGRESS;
      case WORKFLOW_EXECUTION_STATUS_COMPLETED ->
          Status.CANCELLED.wireName().equals(recorded) ? Status.CANCELLED : Status.COMPLETED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> Status.CANCELLED;
      default -> Status.FAILED;
    };
  }

  /** One generation's runs: the first started when it was created, the latest tells its state. */
  private record Generation(WorkflowExecutionMetadata first, WorkflowExecutionMetadata latest) {

    String workflowId() {
      return latest.getExecution().getWorkflowId();
    }

    Instant createdAt() {
      return first.getStartTime();
    }

    Generation and(Generation other) {
      return new Generation(
          other.first.getStartTime().isBefore(first.getStartTime()) ? other.first : first,
          other.latest.getStartTime().isAfter(latest.getStartTime()) ? other.latest : latest);
    }
  }
}
