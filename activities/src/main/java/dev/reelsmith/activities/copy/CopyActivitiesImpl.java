package dev.reelsmith.activities.copy;

import com.fasterxml.jackson.core.type.TypeReference;
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
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.ScenePlan;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The writing steps: the story and its score, the scenes and their cohesion, and the render
 * parameters. The writer and the judges are pluggable (local by default, see {@link
 * #local(MediaStore)}); planning is the same for every writer. A story a writer can improve is
 * rewritten with its score's notes at most twice, keeping the best.
 *
 * <p>Each step's result is kept in the generation's {@link Manifest} and returned from there when
 * the step runs again, so a (possibly remote, paid) writer is asked once per generation.
 *
 * <p>Input that breaks the brief's rules, or scenes that point at images that do not exist, fail
 * non-retryably as {@link Failures#INVALID_BRIEF}: running again would fail the same way. A remote
 * provider's trouble fails as its {@link ProviderException#toFailure() typed failure}.
 */
@ActivityImpl(taskQueues = Generations.TASK_QUEUE)
public final class CopyActivitiesImpl implements CopyActivities {

  /** Each rewrite costs a writing and a judging call; two catch most fixable stories. */
  static final int MAX_REWRITES = 2;

  /** The story's drafts so far, each with its score once judged; see {@link #newStory}. */
  private static final Manifest.Part<List<Story>> STORY_DRAFTS =
      new Manifest.Part<>(
          MediaLayout.MANIFEST_FOLDER + "/story_drafts.json", new TypeReference<List<Story>>() {});

  /** The scenes before they are judged, so a failed judgement does not pay for them again. */
  private static final Manifest.Part<List<Scene>> SCENE_DRAFT =
      new Manifest.Part<>(
          MediaLayout.MANIFEST_FOLDER + "/scene_draft.json", new TypeReference<List<Scene>>() {});

  private final Manifest manifest;
  private final Copywriter copywriter;
  private final StoryJudge storyJudge;
  private final CohesionJudge cohesionJudge;
  private final VideoParamsPlanner planner;
  private final Narrator narrator;

  public CopyActivitiesImpl(
      MediaStore store,
      Copywriter copywriter,
      StoryJudge storyJudge,
      CohesionJudge cohesionJudge,
      VideoParamsPlanner planner,
      Narrator narrator) {
    this.manifest = new Manifest(store);
    this.copywriter = copywriter;
    this.storyJudge = storyJudge;
    this.cohesionJudge = cohesionJudge;
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
    return manifest.remember(
        generationId, Manifest.STORY, () -> newStory(generationId, brief, images));
  }

  @Override
  public ScenePlan planScenes(
      String generationId, Brief brief, Story story, List<ImageAnalysis> images) {
    return manifest.remember(
        generationId, Manifest.SCENES, () -> newPlan(generationId, brief, story, images));
  }

  @Override
  public List<SceneParams> prepareVideoParams(
      String generationId, Brief brief, ScenePlan plan, List<ImageAnalysis> images) {
    return manifest.remember(
        generationId, Manifest.PARAMS, () -> newParams(generationId, brief, plan, images));
  }

  /**
   * Writes, judges and rewrites the story, recording every draft as soon as it is written or judged
   * so that a retry (after a rate limit, say) resumes where the last attempt stopped instead of
   * paying for the same drafts again.
   */
  private Story newStory(String generationId, Brief brief, List<ImageAnalysis> images) {
    check(brief, images, false);
    Copywriter writer = copywriter.forGeneration(generationId);
    List<Story> drafts =
        new ArrayList<>(manifest.read(generationId, STORY_DRAFTS).orElse(List.of()));
    while (true) {
      if (drafts.isEmpty()) {
        drafts.add(guarded(() -> writer.writeStory(brief, images)));
        manifest.write(generationId, STORY_DRAFTS, drafts);
      }
      Story last = drafts.get(drafts.size() - 1);
      if (last.score() == null) {
        Score score = guarded(() -> storyJudge.score(brief, last));
        drafts.set(drafts.size() - 1, new Story(last.title(), last.beats(), score));
        manifest.write(generationId, STORY_DRAFTS, drafts);
      }
      Story best =
          drafts.stream().max(Comparator.comparingInt(d -> d.score().total())).orElseThrow();
      if (drafts.size() > MAX_REWRITES) {
        return best;
      }
      Optional<Story> again = guarded(() -> writer.rewriteStory(brief, images, best));
      if (again.isEmpty()) {
        return best;
      }
      drafts.add(again.get());
      manifest.write(generationId, STORY_DRAFTS, drafts);
    }
  }

  private ScenePlan newPlan(
      String generationId, Brief brief, Story story, List<ImageAnalysis> images) {
    check(brief, images, true);
    if (story == null || story.beats().isEmpty()) {
      throw invalid("there is no story to split into scenes", null);
    }
    Copywriter writer = copywriter.forGeneration(generationId);
    List<Scene> scenes =
        manifest.remember(
            generationId,
            SCENE_DRAFT,
            () -> guarded(() -> writer.planScenes(brief, story, images)));
    return new ScenePlan(scenes, guarded(() -> cohesionJudge.score(brief, scenes, images)));
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

  /**
   * Runs a step, turning its complaints about the input into a typed, permanent failure, and a
   * provider's trouble into the failure that retries it (or not) as the trouble deserves.
   */
  private static <T> T guarded(Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), e);
    } catch (ProviderException e) {
      throw e.toFailure();
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
