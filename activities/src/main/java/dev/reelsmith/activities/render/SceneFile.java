package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Writes a scene's video file the way the stitcher expects it, whoever made the pictures: the
 * scene's frame count at its size and frame rate, Reelsmith's own H.264 ({@link VideoEncoder}) in
 * an MP4, with IDR frames where the stitcher will cut ({@link Timeline#keyframes}), so that it can
 * copy the scene's packets instead of re-encoding them.
 */
final class SceneFile {

  /** Puts picture {@code index} of the scene into the frame given to {@link #write}. */
  @FunctionalInterface
  interface Pictures {
    void draw(int index) throws IOException;
  }

  private SceneFile() {}

  /** Draws each picture into {@code frame} and encodes it, reporting each frame written. */
  static void write(
      SceneParams scene,
      Path output,
      Yuv420Image frame,
      Pictures pictures,
      SceneRenderer.Progress progress)
      throws IOException {
    int frames = scene.frameCount();
    boolean[] cuts = Timeline.keyframes(scene, frames);
    try (VideoEncoder encoder = new VideoEncoder(scene.width(), scene.height(), scene.fps());
        Mp4Writer writer = new Mp4Writer(output)) {
      int stream = writer.addStream(encoder.context());
      writer.start();
      AVRational timeBase = encoder.timeBase();
      VideoEncoder.PacketSink sink =
          packet -> writer.writeFrame(packet, stream, timeBase, packet.pts(), false);
      for (int f = 0; f < frames; f++) {
        pictures.draw(f);
        encoder.encode(frame, f, cuts[f], sink);
        progress.update(f + 1, frames);
      }
      encoder.finish(sink);
      writer.finish();
    }
  }
}
