package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.GenerationInput;
import io.temporal.client.WorkflowOptions;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one owner of generation identity: ids, workflow ids and the task queues. Every client, worker
 * and test takes these from here.
 */
public final class Generations {

  /** The task queue of the generation and admission workflows and their light activities. */
  public static final String TASK_QUEUE = "reelsmith-generations";

  /**
   * The task queue of the heavy video work, scene renders and the stitch. Its workers cap how many
   * run at once ({@link GenerationWorkers#renderWorker}), however many generations run.
   */
  public static final String RENDER_TASK_QUEUE = "reelsmith-renders";

  /** The memo field with the brief's product name. */
  public static final String PRODUCT_MEMO = "product_name";

  private static final String WORKFLOW_ID_PREFIX = "generation-";
  private static final String ADMISSION_WORKFLOW_ID_PREFIX = "admission-";
  private static final Pattern GENERATION_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Generations() {}

  /** A fresh generation id (a lower-case UUID). Never call this inside a workflow. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Whether {@code id} has the shape of a generation id; anything else is never looked up. */
  public static boolean isValidId(String id) {
    return id != null && GENERATION_ID.matcher(id).matches();
  }

  /** The workflow id of a generation: {@code generation-<uuid>}. */
  public static String workflowId(String generationId) {
    if (!isValidId(generationId)) {
      throw new IllegalArgumentException("not a generation id: " + generationId);
    }
    return WORKFLOW_ID_PREFIX + generationId;
  }

  /**
   * How a generation's workflow is started: its id and the task queue, and for operators in
   * Temporal Web its search attributes, a one-line summary, the brief as details and the product
   * name as memo.
   */
  public static WorkflowOptions workflowOptions(GenerationInput input) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(input.generationId()))
        .setTaskQueue(TASK_QUEUE)
        .setTypedSearchAttributes(GenerationSearchAttributes.atStart(input))
        .setMemo(Map.of(PRODUCT_MEMO, input.brief().productName()))
        .setStaticSummary(Summaries.summary(input))
        .setStaticDetails(Summaries.details(input))
        .build();
  }

  /** The workflow id of one owner's admission workflow: {@code admission-<owner>}. */
  public static String admissionWorkflowId(String owner) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("a generation's owner must not be blank");
    }
    return ADMISSION_WORKFLOW_ID_PREFIX + owner;
  }

  /** How an owner's admission workflow is started: its id and the task queue. */
  public static WorkflowOptions admissionWorkflowOptions(String owner) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(admissionWorkflowId(owner))
        .setTaskQueue(TASK_QUEUE)
        .build();
  }

  /** The generation id inside a workflow id made by {@link #workflowId}. */
  public static String generationId(String workflowId) {
    if (!workflowId.startsWith(WORKFLOW_ID_PREFIX)) {
      throw new IllegalArgumentException("not a generation's workflow id: " + workflowId);
    }
    return workflowId.substring(WORKFLOW_ID_PREFIX.length());
  }
}
