package dev.reelsmith.activities.voice;

import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Scene;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Speaks each scene's narration into the media store ({@link MediaLayout#narration}). A file that
 * is already there is kept, so a retried step, or a worker that restarts, never asks the (possibly
 * paid) speaker twice for the same scene.
 */
public final class Narrator {

  /** A narration longer than this is not a scene's voice-over; the file is rejected. */
  static final double MAX_SECONDS = 60;

  /** A scene's voice-over. */
  public record Narration(int index, String path, double seconds) {}

  private final MediaStore store;
  private final Speaker speaker;

  public Narrator(MediaStore store, Speaker speaker) {
    this.store = store;
    this.speaker = speaker;
  }

  /** The voice-over of each scene that has narration, in scene order. */
  public List<Narration> narrate(String generationId, List<Scene> scenes) throws IOException {
    List<Narration> narrations = new ArrayList<>();
    for (Scene scene : scenes) {
      if (scene.narration() == null || scene.narration().isBlank()) {
        continue;
      }
      String path = MediaLayout.narration(scene.index());
      if (!store.exists(generationId, path)) {
        store.publish(generationId, path, file -> speaker.speak(scene.narration().strip(), file));
      }
      float[][] samples = AudioDecoder.decode(store.path(generationId, path), MAX_SECONDS);
      narrations.add(
          new Narration(
              scene.index(), path, samples[0].length / (double) AudioDecoder.SAMPLE_RATE));
    }
    return List.copyOf(narrations);
  }
}
