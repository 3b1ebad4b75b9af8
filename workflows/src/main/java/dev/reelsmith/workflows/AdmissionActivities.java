package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.AdmissionRequest;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** What the admission mechanism ({@link AdmissionWorkflowImpl}) cannot do from workflow code. */
@ActivityInterface
public interface AdmissionActivities {

  /**
   * Delivers a request for a slot to the owner's admission workflow, starting it when it is not
   * running (signal-with-start, which a workflow cannot do itself). Safe to repeat: a request the
   * admission workflow already has keeps its place.
   */
  void requestSlot(String owner, AdmissionRequest request);

  /** Those of {@code workflowIds} whose workflows are no longer running, or never were. */
  List<String> notRunning(List<String> workflowIds);
}
