package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.CameraMove;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.SceneParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that render parameters make sense before any work is done. A violation is permanent: the
 * same parameters would fail on every retry, so it is reported as a non-retryable {@link
 * Failures#RENDER_FAILED} that lists every problem at once.
 */
final class SceneChecks {

  static final int MAX_SIDE = 4096;
  static final int MAX_FPS = 120;
  static final double MAX_SECONDS = 120;

  private SceneChecks() {}

  static void validate(SceneParams scene) {
    List<String> problems = new ArrayList<>();
    if (scene.width() < 16 || scene.width() > MAX_SIDE || scene.width() % 2 != 0) {
      problems.add("width " + scene.width() + " must be even and between 16 and " + MAX_SIDE);
    }
    if (scene.height() < 16 || scene.height() > MAX_SIDE || scene.height() % 2 != 0) {
      problems.add("height " + scene.height() + " must be even and between 16 and " + MAX_SIDE);
    }
    if (scene.fps() < 1 || scene.fps() > MAX_FPS) {
      problems.add("fps " + scene.fps() + " must be between 1 and " + MAX_FPS);
    }
    if (!(scene.durationSeconds() > 0 && scene.durationSeconds() <= MAX_SECONDS)
        || scene.frameCount() < 2) {
      problems.add(
          "duration_seconds "
              + scene.durationSeconds()
              + " must give at least 2 frames and be at most "
              + MAX_SECONDS);
    }
    if (scene.imagePath() == null || scene.imagePath().isBlank()) {
      problems.add("image_path is missing");
    }
    if (!Colors.isHex(scene.backgroundColor())) {
      problems.add("background_color " + scene.backgroundColor() + " is not #RRGGBB");
    }
    checkCamera(scene.camera(), problems);
    checkCaption(scene.caption(), problems);
    if (scene.transition() != null) {
      double seconds = scene.transition().durationSeconds();
      int overlap = Timeline.overlapFrames(scene.transition(), Math.max(1, scene.fps()));
      if (scene.transition().kind() == null || !(seconds >= 0) || overlap >= scene.frameCount()) {
        problems.add(
            "the transition ("
                + scene.transition().kind()
                + ", "
                + seconds
                + " s) must have a kind and be shorter than the scene");
      }
    }
    if (!problems.isEmpty()) {
      throw new PermanentRenderException(
          Failures.RENDER_FAILED,
          String.format(
              Locale.ROOT,
              "Scene %d has invalid render parameters: %s. Prepare the video parameters again.",
              scene.index(),
              String.join("; ", problems)));
    }
  }

  private static void checkCamera(CameraMove camera, List<String> problems) {
    if (camera == null || camera.from() == null || camera.to() == null) {
      problems.add("camera needs from and to keyframes");
      return;
    }
    if (camera.easing() == null) {
      problems.add("camera easing is missing");
    }
    for (CameraMove.Keyframe k : List.of(camera.from(), camera.to())) {
      // Below 1 the window would leave the canvas; it is raised to 1 rather than refused.
      if (!(k.zoom() > 0 && k.zoom() <= 4)) {
        problems.add("camera zoom " + k.zoom() + " must be above 0 and at most 4");
      }
      if (!(k.centerX() >= 0 && k.centerX() <= 1 && k.centerY() >= 0 && k.centerY() <= 1)) {
        problems.add("camera centre (" + k.centerX() + ", " + k.centerY() + ") must be in 0..1");
      }
    }
  }

  private static void checkCaption(Caption caption, List<String> problems) {
    if (caption == null || caption.text() == null || caption.text().isBlank()) {
      return;
    }
    if (!Colors.isHex(caption.textColor())
        || !Colors.isHex(caption.panelColor())
        || !Colors.isHex(caption.accentColor())) {
      problems.add("caption colours must be #RRGGBB");
    }
    if (!(caption.sizeRatio() > 0 && caption.sizeRatio() <= 0.2)) {
      problems.add("caption size_ratio " + caption.sizeRatio() + " must be in (0, 0.2]");
    }
    if (!(caption.appearSeconds() >= 0)) {
      problems.add("caption appear_seconds must not be negative");
    }
  }
}
