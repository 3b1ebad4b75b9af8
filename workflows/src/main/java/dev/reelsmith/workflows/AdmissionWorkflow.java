package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.AdmissionRequest;
import dev.reelsmith.workflows.messages.AdmissionState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One owner's running generations, at most a limit of them at once; the rest wait their turn. One
 * per owner ({@link Generations#admissionWorkflowId}); see {@link AdmissionWorkflowImpl}.
 */
@WorkflowInterface
public interface AdmissionWorkflow {

  /** Runs while anyone holds or waits for a slot, then ends; {@code state} carries over. */
  @WorkflowMethod
  void admit(AdmissionState state);

  /** A generation asks for a slot; answered with {@link GenerationWorkflow#admission}. */
  @SignalMethod
  void request(AdmissionRequest request);

  /** A generation gives its slot back, or stops waiting for one. */
  @SignalMethod
  void release(String workflowId);

  /** Who runs and who waits, for tests and operators. */
  @QueryMethod
  AdmissionState state();
}
