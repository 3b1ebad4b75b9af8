package dev.reelsmith.workflows.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A generation asking its owner's admission workflow for a slot.
 *
 * @param workflowId the generation's workflow, which the answer is signalled to
 * @param ticket names this one request; answers to an older one are ignored
 * @param limit how many of the owner's generations may run at once, as configured when the
 *     generation started; the most recent request's limit is the one that counts
 */
public record AdmissionRequest(
    @JsonProperty("workflow_id") String workflowId, String ticket, int limit) {}
