package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.AdmissionNotice;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationResult;
import dev.reelsmith.workflows.messages.ProgressPage;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One generation: brief and photos in, finished ad out (PRODUCT.md §2). A failed step leaves the
 * generation waiting for {@link #retry()}; the query is the source of truth for progress.
 */
@WorkflowInterface
public interface GenerationWorkflow {

  @WorkflowMethod
  GenerationResult generate(GenerationInput input);

  /** The progress updates after {@code afterSeq} (0 for all) and the current snapshot. */
  @QueryMethod
  ProgressPage progress(long afterSeq);

  /** Resumes a failed generation from the step that failed; returns the new attempt number. */
  @UpdateMethod
  int retry();

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry();

  /** Stops a running or failed generation; finished scenes stay on disk. */
  @UpdateMethod
  void cancel();

  @UpdateValidatorMethod(updateName = "cancel")
  void validateCancel();

  /**
   * From the owner's {@link AdmissionWorkflow}: the generation may run, or still waits its turn.
   */
  @SignalMethod
  void admission(AdmissionNotice notice);
}
