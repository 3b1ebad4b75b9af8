package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.CameraMove;

/**
 * Where the camera looks in each frame: a window over the canvas, in canvas fractions (0..1).
 *
 * <p>Zoom is interpolated geometrically (its logarithm moves linearly with the eased time) so that
 * a push-in feels steady instead of slowing down as it goes; the centre moves linearly. Zoom below
 * 1 would show beyond the canvas, so it is raised to 1, and the window is kept inside the canvas.
 */
final class CameraPath {

  /** The visible part of the canvas, as fractions of its width and height. */
  record Window(double left, double top, double size) {}

  private final CameraMove move;
  private final int frameCount;

  CameraPath(CameraMove move, int frameCount) {
    this.move = move;
    this.frameCount = frameCount;
  }

  /** The largest zoom of the move, which decides how much detail the canvas needs. */
  double maxZoom() {
    return Math.max(zoom(move.from()), zoom(move.to()));
  }

  Window at(int frame) {
    double t = frameCount <= 1 ? 0 : (double) frame / (frameCount - 1);
    double p = move.easing().apply(t);
    double zoomFrom = zoom(move.from());
    double zoomTo = zoom(move.to());
    double zoom = Math.exp(Math.log(zoomFrom) + (Math.log(zoomTo) - Math.log(zoomFrom)) * p);
    double size = 1 / zoom;
    double cx = lerp(move.from().centerX(), move.to().centerX(), p);
    double cy = lerp(move.from().centerY(), move.to().centerY(), p);
    double left = Math.max(0, Math.min(1 - size, cx - size / 2));
    double top = Math.max(0, Math.min(1 - size, cy - size / 2));
    return new Window(left, top, size);
  }

  private static double zoom(CameraMove.Keyframe keyframe) {
    return Math.max(1, keyframe.zoom());
  }

  private static double lerp(double a, double b, double p) {
    return a + (b - a) * p;
  }
}
