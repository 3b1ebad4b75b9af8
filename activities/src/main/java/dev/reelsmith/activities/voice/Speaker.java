package dev.reelsmith.activities.voice;

import java.io.IOException;
import java.nio.file.Path;

/** Reads text aloud into a WAV file. */
public interface Speaker {

  /** Writes {@code text}, spoken, to {@code file} as WAV. */
  void speak(String text, Path file) throws IOException;
}
