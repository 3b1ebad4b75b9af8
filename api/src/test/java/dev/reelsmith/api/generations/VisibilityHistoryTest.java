package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.GenerationSearchAttributes;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.Status;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history from visibility, against listings as a Temporal server with SQL visibility answers
 * them: running workflows first, then the others by close time. No such server runs in the tests,
 * so the listing is made here, from the same protos the server sends.
 */
class VisibilityHistoryTest {

  private static final Principal ALICE = () -> "alice";
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @TempDir Path data;

  private GenerationManifests manifests;
  private Manifest manifest;
  private final List<WorkflowExecutionMetadata> listed = new ArrayList<>();
  private final List<String> queries = new ArrayList<>();
  private VisibilityHistory history;

  @BeforeEach
  void setUp() {
    LocalMediaStore store = new LocalMediaStore(data);
    manifests = new GenerationManifests(store);
    manifest = new Manifest(store);
    history =
        new VisibilityHistory(
            query -> {
              queries.add(query);
              return listed.stream();
            },
            manifests);
  }

  /** A run of a generation workflow, as visibility lists it. */
  private WorkflowExecutionMetadata run(
      String generationId,
      Instant started,
      WorkflowExecutionStatus status,
      String recordedStatus,
      String product) {
    WorkflowExecutionInfo.Builder info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(
                WorkflowExecution.newBuilder()
                    .setWorkflowId(Generations.workflowId(generationId))
                    .setRunId(UUID.randomUUID().toString()))
            .setType(WorkflowType.newBuilder().setName(GenerationSearchAttributes.WORKFLOW_TYPE))
            .setStartTime(Timestamps.fromMillis(started.toEpochMilli()))
            .setStatus(status)
            .setSearchAttributes(
                SearchAttributes.newBuilder()
                    .putIndexedFields("ReelsmithUser", keyword("alice"))
                    .putIndexedFields("ReelsmithStatus", keyword(recordedStatus))
                    .putIndexedFields("ReelsmithProduct", typed(product, "Text")));
    return new WorkflowExecutionMetadata(info.build(), DefaultDataConverter.STANDARD_INSTANCE);
  }

  private static Payload keyword(String value) {
    return typed(value, "Keyword");
  }

  /** A search attribute's value as the server sends it: JSON, with its type in the metadata. */
  private static Payload typed(String value, String type) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow().toBuilder()
        .putMetadata("type", ByteString.copyFromUtf8(type))
        .build();
  }

  private String created(String product) throws Exception {
    String id = Generations.newId();
    GenerationInput input =
        new GenerationInput(
            id,
            Briefs.parse(
                "{\"product_name\": \""
                    + product
                    + "\", \"description\": \"Cold brew in a glass bottle.\"}"),
            List.of(new ImageRef(1, MediaLayout.upload(1, "jpg"), "bottle.jpg")),
            GenerationSettings.DEFAULTS,
            "alice");
    manifest.create(input, NOW);
    return id;
  }

  private GenerationHistory.Page page(int page, int size) {
    return history.page(ALICE, page, size).block();
  }

  @Test
  void listsTheCallersGenerationsByTheirSearchAttributesNewestFirst() throws Exception {
    String running = created("Running Brew");
    String failed = created("Failed Brew");
    String done = created("Finished Brew");
    manifest.write(
        done,
        Manifest.FINAL,
        new FinalAd(MediaLayout.FINAL_VIDEO, MediaLayout.FINAL_POSTER, 15.0, 1280, 720));
    listed.add(
        run(
            running,
            NOW.minusSeconds(60),
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            "in_progress",
            "Running Brew"));
    listed.add(
        run(
            failed,
            NOW.minusSeconds(30),
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            "failed",
            "Failed Brew"));
    listed.add(
        run(
            done,
            NOW.minusSeconds(3600),
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
            "completed",
            "Finished Brew"));

    GenerationHistory.Page page = page(0, 20);

    assertThat(queries)
        .containsExactly("WorkflowType = 'GenerationWorkflow' AND ReelsmithUser = 'alice'");
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items())
        .extracting(
            GenerationHistory.Item::generationId,
            GenerationHistory.Item::productName,
            GenerationHistory.Item::status,
            GenerationHistory.Item::createdAt)
        .containsExactly(
            tuple(failed, "Failed Brew", Status.FAILED, NOW.minusSeconds(30)),
            tuple(running, "Running Brew", Status.IN_PROGRESS, NOW.minusSeconds(60)),
            tuple(done, "Finished Brew", Status.COMPLETED, NOW.minusSeconds(3600)));
    GenerationHistory.Item finished = page.items().get(2);
    assertThat(finished.durationSeconds()).isEqualTo(15.0);
    assertThat(finished.finalVideoPath()).isEqualTo(MediaLayout.url(done, MediaLayout.FINAL_VIDEO));
    assertThat(finished.posterPath()).isEqualTo(MediaLayout.url(done, MediaLayout.FINAL_POSTER));
    assertThat(page.items().get(0).finalVideoPath()).isNull();
  }

  @Test
  void aGenerationStartedAgainIsOneRowCreatedByItsFirstRunInTheStateOfItsLatest() throws Exception {
    String id = created("Retried Brew");
    listed.add(
        run(
            id,
            NOW,
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            "in_progress",
            "Retried Brew"));
    listed.add(
        run(
            id,
            NOW.minus(Duration.ofDays(8)),
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
            "failed",
            "Retried Brew"));

    GenerationHistory.Page page = page(0, 20);

    assertThat(page.total()).isEqualTo(1);
    assertThat(page.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.status()).isEqualTo(Status.IN_PROGRESS);
              assertThat(item.createdAt()).isEqualTo(NOW.minus(Duration.ofDays(8)));
            });
  }

  @Test
  void pagesCountFromZeroAndTellTheTotal() throws Exception {
    for (int i = 0; i < 5; i++) {
      listed.add(
          run(
              created("Brew " + i),
              NOW.minusSeconds(i),
              WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
              "in_progress",
              "Brew " + i));
    }

    GenerationHistory.Page second = page(1, 2);

    assertThat(second.total()).isEqualTo(5);
    assertThat(second.items())
        .extracting(GenerationHistory.Item::productName)
        .containsExactly("Brew 2", "Brew 3");
    assertThat(page(3, 2).items()).isEmpty();
  }

  @Test
  void eachWayAWorkflowEndsIsTheStatusItsPageShows() throws Exception {
    String id = created("Brew");

    assertThat(
            VisibilityHistory.status(
                run(
                    id,
                    NOW,
                    WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
                    "cancelled",
                    "Brew")))
        .isEqualTo(Status.CANCELLED);
    assertThat(
            VisibilityHistory.status(
                run(
                    id,
                    NOW,
                    WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
                    "in_progress",
                    "Brew")))
        .isEqualTo(Status.FAILED);
    assertThat(
            VisibilityHistory.status(
                run(
                    id,
                    NOW,
                    WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED,
                    "in_progress",
                    "Brew")))
        .isEqualTo(Status.CANCELLED);
  }
}
