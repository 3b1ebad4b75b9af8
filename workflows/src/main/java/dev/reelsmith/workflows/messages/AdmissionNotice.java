package dev.reelsmith.workflows.messages;

/**
 * The admission workflow's answer to one {@link AdmissionRequest}: admitted, or still waiting.
 *
 * @param running how many of the owner's generations hold a slot
 * @param ahead how many of the owner's generations wait ahead of this one
 */
public record AdmissionNotice(String ticket, boolean admitted, int running, int ahead) {

  public static AdmissionNotice admitted(String ticket, int running) {
    return new AdmissionNotice(ticket, true, running, 0);
  }

  public static AdmissionNotice waiting(String ticket, int running, int ahead) {
    return new AdmissionNotice(ticket, false, running, ahead);
  }
}
