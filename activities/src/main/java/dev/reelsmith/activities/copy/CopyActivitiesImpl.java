package dev.reelsmith.activities.copy;

import dev.reelsmith.activities.images.Colors;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.activities.voice.FreeTtsSpeaker;
import dev.reelsmith.activities.voice.Narrator;
import dev.reelsmith.activities.voice.Narrator.Narration;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.CopyActivities;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.InvalidBriefException;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.Story;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The writing steps: the story and its score, the scenes and their cohesion, and the render
 * parameters. The writer is pluggable (local by default, see {@link #local(MediaStore)}); scoring
 * and planning are the same for every writer.
 *
 * <p>Each step's result is kept in the generation's {@link Manifest} and returned from there when
 * the step runs again, so a (possibly remote, paid) writer is asked once per generation.
 *
 * <p>Input that breaks the brief's rules, or scenes that point at images that do not exist, fail
 * non-retryably as {@link Failures#INVALID_BRIEF}: running again would fail the same way.
 */
@ActivityImpl(taskQueues = Generations.TASK_QUEUE)
public final class CopyActivitiesImpl implements CopyActivities {

  private final Manifest manifest;
  private final Copywriter copywriter;
  private final StoryScorer storyScorer;
  private final CohesionScorer cohesionScorer;
  private final VideoParamsPlanner planner;
  private final Narrator narrator;

  public CopyActivitiesImpl(
      MediaStore store,
      Copywriter copywriter,
      StoryScorer storyScorer,
      CohesionScorer cohesionScorer,
      VideoParamsPlanner planner,
      Narrator narrator) {
    this.manifest = new Manifest(store);
    this.copywriter = copywriter;
    this.storyScorer = storyScorer;
    this.cohesionScorer = cohesionScorer;
    this.planner = planner;
    this.narrator = narrator;
  }

  /** The offline default: {@link LocalCopywriter} with the standard scorers and planner. */
  public static CopyActivitiesImpl local(MediaStore store) {
    return local(store, new Narrator(store, new FreeTtsSpeaker()));
  }

  /**
   * {@link LocalCopywriter} with the standard scorers and planner, narrated by {@code narrator}.
   */
  public static CopyActivitiesImpl local(MediaStore store, Narrator narrator) {
    return new CopyActivitiesImpl(
        store,
        new LocalCopywriter(),
        new StoryScorer(),
        new CohesionScorer(),
        new VideoParamsPlanner(),
        narrator);
  }

  @Override
  public Story writeStory(String generationId, Brief brief, List<ImageAnalysis> images) {
    return manifest.remember(generationId, Manifest.STORY, () -> newStory(brief, images));
  }

  @Override
  public ScenePlan planScenes(
      String generationId, Brief brief, Story story, List<ImageAnalysis> images) {
    return manifest.remember(generationId, Manifest.SCENES, () -> newPlan(brief, story, images));
  }

  @Override
  public List<SceneParams> prepareVideoParams(
      String generationId, Brief brief, ScenePlan plan, List<ImageAnalysis> images) {
    return manifest.remember(
        generationId, Manifest.PARAMS, () -> newParams(generationId, brief, plan, images));
  }

  private Story newStory(Brief brief, List<ImageAnalysis> images) {
    check(brief, images, false);
    Story draft = guarded(() -> copywriter.writeStory(brief, images));
    return new Story(draft.title(), draft.beats(), storyScorer.score(brief, draft));
  }

  private ScenePlan newPlan(Brief brief, Story story, List<ImageAnalysis> images) {
    check(brief, images, true);
    if (story == null || story.beats().isEmpty()) {
      throw invalid("there is no story to split into scenes", null);
    }
    List<Scene> scenes = guarded(() -> copywriter.planScenes(brief, story, images));
    return new ScenePlan(scenes, cohesionScorer.score(brief, scenes, images));
  }

  private List<SceneParams> newParams(
      String generationId, Brief brief, ScenePlan plan, List<ImageAnalysis> images) {
    check(brief, images, true);
    if (plan == null || plan.scenes().isEmpty()) {
      throw invalid("there are no scenes to prepare", null);
    }
    Set<Integer> known = new HashSet<>();
    images.forEach(image -> known.add(image.index()));
    for (Scene scene : plan.scenes()) {
      if (!known.contains(scene.imageIndex())) {
        throw invalid(
            "scene "
                + scene.index()
                + " uses reference image "
                + scene.imageIndex()
                + ", which does not exist (images: "
                + known
                + ")",
            null);
      }
    }
    List<Narration> narrations = narrate(generationId, plan.scenes());
    return guarded(() -> planner.plan(brief, plan.scenes(), images, narrations));
  }

  private List<Narration> narrate(String generationId, List<Scene> scenes) {
    try {
      return narrator.narrate(generationId, scenes);
    } catch (ProviderException e) {
      throw e.toFailure();
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }

  /** Runs a step, turning its complaints about the input into a typed, permanent failure. */
  private static <T> T guarded(Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  /**
   * The rules of PRODUCT.md §5.1, checked again: a brief reaches the workflow already parsed by
   * {@link Briefs#parse}, but an activity must not trust its input blindly.
   */
  private static void check(Brief brief, List<ImageAnalysis> images, boolean needImages) {
    if (brief == null) {
      throw invalid("there is no brief", null);
    }
    List<FieldError> errors = new ArrayList<>();
    if (brief.productName() == null || brief.productName().isBlank()) {
      errors.add(new FieldError("product_name", "is required"));
    } else if (brief.productName().length() > Briefs.MAX_PRODUCT_NAME) {
      errors.add(new FieldError("product_name", "is too long"));
    }
    if (brief.description() == null || brief.description().isBlank()) {
      errors.add(new FieldError("description", "is required"));
    }
    if (brief.tone() == null) {
      errors.add(new FieldError("tone", "is required"));
    }
    if (brief.durationSeconds() == null || !Briefs.DURATIONS.contains(brief.durationSeconds())) {
      errors.add(
          new FieldError(
              "duration_seconds",
              "must be one of 15, 30 or 60 (got " + brief.durationSeconds() + ")"));
    }
    if (brief.aspectRatio() == null) {
      errors.add(new FieldError("aspect_ratio", "is required"));
    }
    if (brief.resolution() == null) {
      errors.add(new FieldError("resolution", "is required"));
    }
    Integer scenes = brief.sceneCount();
    if (scenes == null || scenes < Briefs.MIN_SCENES || scenes > Briefs.MAX_SCENES) {
      errors.add(
          new FieldError(
              "scene_count",
              "must be from "
                  + Briefs.MIN_SCENES
                  + " to "
                  + Briefs.MAX_SCENES
                  + " (got "
                  + scenes
                  + ")"));
    }
    for (String color : brief.brandColors()) {
      if (!Colors.isHex(color)) {
        errors.add(new FieldError("brand_colors", "must be #RRGGBB colours (got " + color + ")"));
      }
    }
    if (!errors.isEmpty()) {
      InvalidBriefException e = new InvalidBriefException(errors);
      throw invalid(e.getMessage(), e);
    }
    if (needImages && (images == null || images.isEmpty())) {
      throw invalid("there are no analysed reference images to build scenes on", null);
    }
  }

  private static ApplicationFailure invalid(String message, Throwable cause) {
    String text = message.startsWith("Invalid brief") ? message : "Invalid input: " + message;
    return cause == null
        ? ApplicationFailure.newNonRetryableFailure(text, Failures.INVALID_BRIEF.name())
        : ApplicationFailure.newNonRetryableFailureWithCause(
            text, Failures.INVALID_BRIEF.name(), cause);
  }
}
