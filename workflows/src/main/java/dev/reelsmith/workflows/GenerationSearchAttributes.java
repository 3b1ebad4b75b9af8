package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The one owner of the search attributes that let operators find generations in Temporal Web
 * (PRODUCT.md §8): whose it is, the step it is at, its status (as on the wire) and the product. A
 * generation starts with all four ({@link Generations#workflowOptions}) and its workflow upserts
 * the step and status as they change.
 *
 * <p>A Temporal server refuses a workflow that sets an attribute it does not know, so these must be
 * registered in the namespace before any generation starts: the application does it at start-up,
 * and tests and the command line through {@link #registerWith}.
 */
public final class GenerationSearchAttributes {

  /** The generation's owner: the account that created it. */
  public static final SearchAttributeKey<String> USER =
      SearchAttributeKey.forKeyword("ReelsmithUser");

  /** The step the generation is at, such as {@code videos}. */
  public static final SearchAttributeKey<String> STEP =
      SearchAttributeKey.forKeyword("ReelsmithStep");

  /** {@code in_progress}, {@code completed}, {@code failed} or {@code cancelled}. */
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("ReelsmithStatus");

  /** The product name of the brief, searchable word by word. */
  public static final SearchAttributeKey<String> PRODUCT =
      SearchAttributeKey.forText("ReelsmithProduct");

  public static final List<SearchAttributeKey<String>> ALL = List.of(USER, STEP, STATUS, PRODUCT);

  /** The workflow type operators and the history filter on. */
  public static final String WORKFLOW_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(GenerationWorkflow.class)
          .getWorkflowType()
          .orElseThrow();

  private GenerationSearchAttributes() {}

  /**
   * Registers every attribute on an in-process test server, for instance {@code
   * registerWith(env::registerSearchAttribute)} with a {@code TestWorkflowEnvironment}.
   */
  public static void registerWith(BiConsumer<String, IndexedValueType> registry) {
    ALL.forEach(key -> registry.accept(key.getName(), key.getValueType()));
  }

  /** A new generation's attributes: its owner and product, at the start and in progress. */
  static SearchAttributes atStart(GenerationInput input) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(PRODUCT, input.brief().productName())
            .set(STEP, Step.INIT.wireName())
            .set(STATUS, Status.IN_PROGRESS.wireName());
    if (input.owner() != null) {
      attributes.set(USER, input.owner());
    }
    return attributes.build();
  }

  /**
   * The updates that bring {@code current} to where the generation stands; none when it already
   * says so. Owner and product are included too, for a workflow started without them.
   */
  static List<SearchAttributeUpdate<?>> changes(
      SearchAttributes current, GenerationInput input, Step step, Status status) {
    List<SearchAttributeUpdate<?>> changes = new ArrayList<>(4);
    change(changes, current, USER, input.owner());
    change(changes, current, PRODUCT, input.brief().productName());
    change(changes, current, STEP, step.wireName());
    change(changes, current, STATUS, status.wireName());
    return changes;
  }

  private static void change(
      List<SearchAttributeUpdate<?>> changes,
      SearchAttributes current,
      SearchAttributeKey<String> key,
      String value) {
    if (value != null && !Objects.equals(current.get(key), value)) {
      changes.add(key.valueSet(value));
    }
  }

  /**
   * The visibility query for the generations of {@code owner}. Temporal's SQL visibility stores
   * refuse {@code ORDER BY}; they list running executions first, then the others by close time,
   * newest first, so callers sort themselves.
   */
  public static String ownedBy(String owner) {
    return "WorkflowType = "
        + literal(WORKFLOW_TYPE)
        + " AND "
        + USER.getName()
        + " = "
        + literal(owner);
  }

  /**
   * A string literal of Temporal's list filter, whose parser reads a doubled quote as a quote and a
   * backslash as the start of an escape. Account names never contain either; this keeps it so.
   */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
