package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.AdmissionNotice;
import dev.reelsmith.workflows.messages.AdmissionRequest;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * A generation's side of its owner's {@link AdmissionWorkflowImpl admission}: asks for a slot
 * before an attempt, waits for it while saying why, and gives it back when the attempt ends. Its
 * state is the generation workflow's, so it survives worker restarts like the rest.
 */
final class Admission {

  private static final Logger log = Workflow.getLogger(Admission.class);

  /**
   * Generations that started before admission existed run without it, as they always did; their
   * histories have no marker for this change.
   */
  private static final String CHANGE_ID = "per-user-admission";

  /**
   * A request that is not answered in this long (the admission workflow was lost) is sent again.
   */
  static final Duration RENEW = Duration.ofMinutes(5);

  private final AdmissionActivities activities;
  private final String owner;
  private final int limit;

  private Boolean enabled;

  /** The request in flight; null while the generation neither holds nor waits for a slot. */
  private String ticket;

  private AdmissionNotice latest;

  Admission(String owner, int limit) {
    this.owner = owner;
    this.limit = limit;
    this.activities =
        Workflow.newActivityStub(
            AdmissionActivities.class,
            PipelineOptions.ADMISSION.toBuilder()
                .setSummary(Summaries.requestSlot(owner, limit))
                .build());
  }

  /**
   * Returns once the generation holds one of its owner's slots; until then {@code whileWaiting}
   * hears each change of the queue ahead.
   */
  void enter(Consumer<AdmissionNotice> whileWaiting) {
    if (!enabled()) {
      return;
    }
    ticket = Workflow.randomUUID().toString();
    latest = null;
    AdmissionRequest request =
        new AdmissionRequest(Workflow.getInfo().getWorkflowId(), ticket, limit);
    activities.requestSlot(owner, request);
    AdmissionNotice shown = null;
    while (latest == null || !latest.admitted()) {
      if (latest != null && !latest.equals(shown)) {
        shown = latest;
        whileWaiting.accept(shown);
      }
      AdmissionNotice seen = latest;
      if (!Workflow.await(RENEW, () -> latest != seen)) {
        activities.requestSlot(owner, request);
      }
    }
  }

  /** An answer of the admission workflow; answers to an earlier request are stale. */
  void onNotice(AdmissionNotice notice) {
    if (notice.ticket().equals(ticket)) {
      latest = notice;
    }
  }

  /**
   * Gives the slot back, or stops waiting for one; nothing when the generation has neither. Runs
   * even when the workflow is being cancelled, so a cancelled generation never keeps its slot.
   */
  void leave() {
    if (ticket == null) {
      return;
    }
    ticket = null;
    latest = null;
    String workflowId = Workflow.getInfo().getWorkflowId();
    AdmissionWorkflow admission =
        Workflow.newExternalWorkflowStub(
            AdmissionWorkflow.class, Generations.admissionWorkflowId(owner));
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                admission.release(workflowId);
              } catch (SignalExternalWorkflowException e) {
                log.info("No admission workflow for {}: there is no slot to give back", owner);
              }
            })
        .run();
  }

  private boolean enabled() {
    if (enabled == null) {
      enabled = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    }
    return enabled;
  }
}
