package dev.reelsmith.workflows;

import static dev.reelsmith.workflows.messages.Status.COMPLETED;
import static dev.reelsmith.workflows.messages.Status.IN_PROGRESS;

import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import java.util.Locale;

/** The one owner of the progress table of PRODUCT.md §3: step, status, percentage, message. */
enum Milestone {
  STARTING(Step.INIT, IN_PROGRESS, 0, "Starting generation..."),
  SAVING_IMAGES(Step.UPLOAD, IN_PROGRESS, 5, "Saving reference images..."),
  IMAGES_SAVED(Step.UPLOAD, COMPLETED, 10, "Saved %d reference images"),
  WRITING_STORY(Step.STORY, IN_PROGRESS, 15, "Generating story with vision-enhanced AI..."),
  STORY_WRITTEN(Step.STORY, COMPLETED, 30, "Story generated (score: %d/100)"),
  PLANNING_SCENES(Step.SCENES, IN_PROGRESS, 35, "Generating detailed scenes..."),
  SCENES_PLANNED(Step.SCENES, COMPLETED, 55, "Generated %d scenes (cohesion: %d/100)"),
  PREPARING_PARAMS(Step.VIDEO_PARAMS, IN_PROGRESS, 60, "Preparing video generation parameters..."),
  PARAMS_PREPARED(Step.VIDEO_PARAMS, COMPLETED, 65, "Prepared %d video generation parameter sets"),
  RENDERING(Step.VIDEOS, IN_PROGRESS, 70, "Generating scene videos (may take several minutes)..."),
  /** Its percentage runs from 70 to 90 with the share of scenes rendered; see {@link #scene}. */
  SCENE_RENDERED(Step.VIDEOS, IN_PROGRESS, 70, "Scene %d of %d rendered"),
  STITCHED(Step.VIDEOS, COMPLETED, 95, "Videos generated and stitched successfully!"),
  COMPLETE(Step.COMPLETE, COMPLETED, 100, "Generation complete!");

  private static final int SCENES_SPAN = 20;

  final Step step;
  final Status status;
  final int percent;
  private final String message;

  Milestone(Step step, Status status, int percent, String message) {
    this.step = step;
    this.status = status;
    this.percent = percent;
    this.message = message;
  }

  String message(Object... args) {
    return String.format(Locale.ROOT, message, args);
  }

  /**
   * While the owner's other generations use every slot the generation may have; shown at the step
   * the attempt starts from ({@link Step#INIT} and 0 % for a new generation), so the bar never goes
   * backwards.
   */
  static String queued(int running, int ahead) {
    String others =
        running == 1
            ? "1 of your generations is running"
            : running + " of your generations are running";
    if (ahead == 0) {
      return "Queued: " + others + "; this one starts when one finishes";
    }
    return "Queued: "
        + others
        + " and "
        + ahead
        + (ahead == 1 ? " waits" : " wait")
        + " ahead of this one; it starts when its turn comes";
  }

  /** The percentage after {@code done} of {@code total} scenes are rendered. */
  static int scene(int done, int total) {
    return SCENE_RENDERED.percent + Math.round((float) SCENES_SPAN * done / total);
  }
}
