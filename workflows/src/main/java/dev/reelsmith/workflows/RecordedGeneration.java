package dev.reelsmith.workflows;

import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.GenerationError;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.SceneState;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Status;
import dev.reelsmith.workflows.messages.Step;
import dev.reelsmith.workflows.messages.Story;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generation as its finished steps recorded it, for when its workflow is gone: an embedded
 * Temporal server forgets every workflow when it stops. With the ad recorded the generation is
 * complete; without it, it was interrupted at the first step that recorded nothing, and a retry
 * resumes there. Its snapshot reads like the one the workflow would answer after failing at that
 * step, with the progress where the workflow left it.
 *
 * @param images null (like every later step) when the step recorded nothing
 * @param scenes the rendered scenes recorded so far, in any order
 */
public record RecordedGeneration(
    String generationId,
    Brief brief,
    List<ImageAnalysis> images,
    Story story,
    ScenePlan plan,
    List<SceneParams> params,
    List<SceneVideo> scenes,
    FinalAd ad) {

  public RecordedGeneration {
    scenes = scenes.stream().sorted(Comparator.comparingInt(SceneVideo::index)).toList();
  }

  public boolean completed() {
    return ad != null;
  }

  /** The step a retry resumes at; {@link Step#COMPLETE} when there is nothing left to do. */
  public Step resumesAt() {
    if (ad != null) {
      return Step.COMPLETE;
    }
    if (images == null) {
      return Step.UPLOAD;
    }
    if (story == null) {
      return Step.STORY;
    }
    if (plan == null) {
      return Step.SCENES;
    }
    if (params == null) {
      return Step.VIDEO_PARAMS;
    }
    return Step.VIDEOS;
  }

  public GenerationSnapshot snapshot() {
    Step step = resumesAt();
    GenerationError error = completed() ? null : interruption(step);
    return new GenerationSnapshot(
        generationId,
        1,
        step,
        completed() ? Status.COMPLETED : Status.FAILED,
        progress(step),
        completed() ? Milestone.COMPLETE.message() : error.message(),
        brief,
        images == null ? List.of() : images,
        story,
        plan,
        sceneStates(),
        scenes.stream().map(v -> MediaLayout.url(generationId, v.path())).toList(),
        ad == null ? null : MediaLayout.url(generationId, ad.path()),
        ad == null ? null : MediaLayout.url(generationId, ad.poster()),
        ad == null ? null : ad.durationSeconds(),
        error,
        0);
  }

  /** Where the workflow's progress stood while it worked on {@code step}. */
  private int progress(Step step) {
    Milestone milestone =
        switch (step) {
          case INIT, UPLOAD -> Milestone.SAVING_IMAGES;
          case STORY -> Milestone.WRITING_STORY;
          case SCENES -> Milestone.PLANNING_SCENES;
          case VIDEO_PARAMS -> Milestone.PREPARING_PARAMS;
          case VIDEOS -> Milestone.RENDERING;
          case COMPLETE -> Milestone.COMPLETE;
        };
    if (step == Step.VIDEOS && !scenes.isEmpty()) {
      return Milestone.scene(scenes.size(), params.size());
    }
    return milestone.percent;
  }

  private GenerationError interruption(Step step) {
    String kept = scenes.isEmpty() ? "" : " The " + scenes.size() + " finished scene(s) are kept.";
    return new GenerationError(
        step,
        null,
        Failures.INTERRUPTED.name(),
        "The generation was interrupted at the "
            + step.wireName()
            + " step when the server restarted. Press Retry to resume where it stopped."
            + kept);
  }

  private List<SceneState> sceneStates() {
    if (plan == null) {
      return List.of();
    }
    Map<Integer, SceneVideo> rendered = new TreeMap<>();
    scenes.forEach(video -> rendered.put(video.index(), video));
    List<SceneState> states = new ArrayList<>();
    for (Scene scene : plan.scenes()) {
      SceneVideo video = rendered.get(scene.index());
      states.add(
          video == null
              ? SceneState.pending(scene.index())
              : SceneState.pending(scene.index())
                  .completed(
                      MediaLayout.url(generationId, video.path()),
                      MediaLayout.url(generationId, video.poster())));
    }
    return states;
  }
}
