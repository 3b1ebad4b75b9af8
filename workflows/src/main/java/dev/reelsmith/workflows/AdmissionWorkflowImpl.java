package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.AdmissionNotice;
import dev.reelsmith.workflows.messages.AdmissionRequest;
import dev.reelsmith.workflows.messages.AdmissionState;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Async;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Per-user admission: at most {@code max_running_per_user} of one owner's generations run at once,
 * and the others start in the order they asked, first come first served.
 *
 * <p><b>Why an entity workflow.</b> The queue is state that must outlive any worker and be changed
 * by one writer at a time, which is what a workflow is: one per owner ({@code admission-<owner>}),
 * its state in its history, its signals applied in the order they arrived. Generations ask by
 * signal-with-start (an activity, {@link AdmissionActivities#requestSlot}, since workflow code
 * cannot start another workflow it does not own) and are answered by signal ({@link
 * GenerationWorkflow#admission}); they give the slot back by signal when an attempt ends,
 * completed, failed or cancelled. A slot store in the data dir, polled by the generations, would
 * have needed file locks, a polling delay before every start, and a data dir shared by every worker
 * host; a workflow needs none of these and shows its queue in Temporal Web and through {@link
 * #state()}.
 *
 * <p><b>Limits of the design.</b> A generation that ends without giving its slot back (terminated
 * by an operator, or failed inside the SDK) would hold it for ever; so when a request has to wait,
 * and then every {@link #HOLDER_CHECK} while anyone waits, the holders are checked and the slots of
 * those no longer running are freed. A generation that is no longer there when it is admitted frees
 * its slot at once (the signal to it fails). The workflow ends after {@link #IDLE} with nobody
 * running or waiting and continues as new when its history grows long; the next request starts it
 * again.
 */
@WorkflowImpl(taskQueues = Generations.TASK_QUEUE)
public class AdmissionWorkflowImpl implements AdmissionWorkflow {

  private static final Logger log = Workflow.getLogger(AdmissionWorkflowImpl.class);

  /** Long enough that someone starting one ad after another finds the queue still there. */
  static final Duration IDLE = Duration.ofMinutes(5);

  /** A stuck slot delays the owner's next generation by at most about this long. */
  static final Duration HOLDER_CHECK = Duration.ofMinutes(1);

  private final AdmissionActivities activities =
      Workflow.newActivityStub(AdmissionActivities.class, PipelineOptions.ADMISSION);

  private final List<AdmissionRequest> running;
  private final List<AdmissionRequest> waiting;

  /** The last notice each generation was sent, so one is sent only when it changes. */
  private final Map<String, AdmissionNotice> told = new HashMap<>();

  private int limit;

  /** Counts every change of the queue from outside: requests, releases, failed notices. */
  private long changes;

  /** Counts requests; the holders are checked at once when a new one has to wait. */
  private long requests;

  private long requestsChecked;

  @WorkflowInit
  public AdmissionWorkflowImpl(AdmissionState state) {
    this.limit = state.limit();
    this.running = new ArrayList<>(state.running());
    this.waiting = new ArrayList<>(state.waiting());
  }

  @Override
  public void admit(AdmissionState state) {
    while (true) {
      admitWhileThereIsRoom();
      if (!waiting.isEmpty() && requests != requestsChecked) {
        requestsChecked = requests;
        freeSlotsOfEndedGenerations();
        admitWhileThereIsRoom();
      }
      tellWhatChanged();
      long seen = changes;
      if (running.isEmpty() && waiting.isEmpty()) {
        Workflow.await(IDLE, () -> changes != seen);
        if (running.isEmpty() && waiting.isEmpty()) {
          return;
        }
      } else if (waiting.isEmpty()) {
        Workflow.await(() -> changes != seen);
      } else if (!Workflow.await(HOLDER_CHECK, () -> changes != seen)) {
        freeSlotsOfEndedGenerations();
      }
      if (Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(state());
      }
    }
  }

  /**
   * A generation asking again keeps its place: a repeated request (its answer was lost), or a new
   * run of the same generation (a retry after its workflow was gone) that takes over its slot.
   */
  @Override
  public void request(AdmissionRequest request) {
    limit = request.limit();
    int held = indexOf(running, request.workflowId());
    int queued = indexOf(waiting, request.workflowId());
    if (held >= 0) {
      running.set(held, request);
    } else if (queued >= 0) {
      waiting.set(queued, request);
    } else {
      waiting.add(request);
    }
    told.remove(request.workflowId());
    requests++;
    changes++;
  }

  @Override
  public void release(String workflowId) {
    forget(workflowId);
  }

  @Override
  public AdmissionState state() {
    return new AdmissionState(limit, running, waiting);
  }

  private void admitWhileThereIsRoom() {
    while (!waiting.isEmpty() && running.size() < limit) {
      AdmissionRequest next = waiting.remove(0);
      running.add(next);
      log.info("Admitted {}: {} of {} slots in use", next.workflowId(), running.size(), limit);
    }
  }

  /** Tells each generation whose answer changed: admitted, or how many run and wait ahead. */
  private void tellWhatChanged() {
    for (AdmissionRequest holder : running) {
      AdmissionNotice last = told.get(holder.workflowId());
      if (last == null || !last.admitted() || !last.ticket().equals(holder.ticket())) {
        tell(holder, AdmissionNotice.admitted(holder.ticket(), running.size()));
      }
    }
    for (int ahead = 0; ahead < waiting.size(); ahead++) {
      AdmissionRequest request = waiting.get(ahead);
      AdmissionNotice notice = AdmissionNotice.waiting(request.ticket(), running.size(), ahead);
      if (!notice.equals(told.get(request.workflowId()))) {
        tell(request, notice);
      }
    }
  }

  /** Signals a generation without waiting; one that is gone loses its place or its slot. */
  private void tell(AdmissionRequest request, AdmissionNotice notice) {
    told.put(request.workflowId(), notice);
    GenerationWorkflow generation =
        Workflow.newExternalWorkflowStub(GenerationWorkflow.class, request.workflowId());
    Async.procedure(generation::admission, notice)
        .exceptionally(
            failure -> {
              if (failure instanceof SignalExternalWorkflowException) {
                log.warn("{} is gone; its place is given up", request.workflowId());
                if (running.remove(request) || waiting.remove(request)) {
                  told.remove(request.workflowId());
                  changes++;
                }
              } else {
                log.warn("Could not tell {} about its slot: {}", request.workflowId(), failure);
              }
              return null;
            });
  }

  /** Frees the slots of generations that ended without giving them back. */
  private void freeSlotsOfEndedGenerations() {
    List<String> ended =
        activities.notRunning(running.stream().map(AdmissionRequest::workflowId).toList());
    if (!ended.isEmpty()) {
      log.warn("Freeing the slots of {}, which ended without giving them back", ended);
      ended.forEach(this::forget);
    }
  }

  private void forget(String workflowId) {
    running.removeIf(r -> r.workflowId().equals(workflowId));
    waiting.removeIf(r -> r.workflowId().equals(workflowId));
    told.remove(workflowId);
    changes++;
  }

  private static int indexOf(List<AdmissionRequest> requests, String workflowId) {
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).workflowId().equals(workflowId)) {
        return i;
      }
    }
    return -1;
  }
}
