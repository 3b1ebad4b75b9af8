package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.AdmissionRequest;
import dev.reelsmith.workflows.messages.AdmissionState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;

/** The admission activities, through the worker's own Temporal client. */
@ActivityImpl(taskQueues = Generations.TASK_QUEUE)
public class AdmissionActivitiesImpl implements AdmissionActivities {

  private final WorkflowClient client;

  public AdmissionActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Signals the owner's admission workflow, starting it when none runs. The in-process test server
   * does not start-or-signal atomically: of several requests that find no workflow at once, one
   * starts it and the others are told it has already started, so those signal the one that runs.
   */
  @Override
  public void requestSlot(String owner, AdmissionRequest request) {
    AdmissionWorkflow admission =
        client.newWorkflowStub(
            AdmissionWorkflow.class, Generations.admissionWorkflowOptions(owner));
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(admission::admit, AdmissionState.empty(request.limit()));
    batch.add(admission::request, request);
    try {
      client.signalWithStart(batch);
    } catch (WorkflowExecutionAlreadyStarted startedMeanwhile) {
      client
          .newWorkflowStub(AdmissionWorkflow.class, Generations.admissionWorkflowId(owner))
          .request(request);
    }
  }

  @Override
  public List<String> notRunning(List<String> workflowIds) {
    return workflowIds.stream().filter(id -> !running(id)).toList();
  }

  private boolean running(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}
