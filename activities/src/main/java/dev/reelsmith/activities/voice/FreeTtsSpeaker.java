package dev.reelsmith.activities.voice;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.SingleFileAudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;

/**
 * The offline voice: FreeTTS's {@code kevin16}, a 16 kHz diphone voice shipped inside its jar. No
 * network, no keys, nothing to install; robotic next to a neural voice, but clear.
 *
 * <p>FreeTTS voices keep state while speaking, so one voice speaks at a time.
 */
public final class FreeTtsSpeaker implements Speaker {

  public static final String VOICE = "kevin16";

  /** Words per minute: a little slower than FreeTTS's 150, for an announcer's pace. */
  private static final float RATE = 140;

  /**
   * Loaded on first use: a few megabytes of diphones that a worker without voice-over never needs.
   */
  private Voice voice;

  private Voice voice() throws InterruptedIOException {
    if (voice == null) {
      Voice kevin =
          Arrays.stream(new KevinVoiceDirectory().getVoices())
              .filter(v -> v.getName().equals(VOICE))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("FreeTTS has no voice " + VOICE));
      kevin.setRate(RATE);
      // Allocating starts the voice's output thread, which inherits its creator's daemon flag: left
      // non-daemon it would keep a stopping worker alive.
      Thread allocator = new Thread(kevin::allocate, "reelsmith-freetts");
      allocator.setDaemon(true);
      allocator.start();
      try {
        allocator.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while loading the FreeTTS voice");
      }
      voice = kevin;
    }
    return voice;
  }

  @Override
  public synchronized void speak(String text, Path file) throws IOException {
    Voice voice = voice();
    String name = file.getFileName().toString();
    if (!name.endsWith(".wav")) {
      throw new IllegalArgumentException("FreeTTS writes WAV files, not " + name);
    }
    // The player adds the extension itself.
    String base = file.toString().substring(0, file.toString().length() - ".wav".length());
    SingleFileAudioPlayer player = new SingleFileAudioPlayer(base, AudioFileFormat.Type.WAVE);
    voice.setAudioPlayer(player);
    boolean spoken;
    try {
      spoken = voice.speak(text);
    } finally {
      player.close();
    }
    if (!spoken || !Files.isRegularFile(file) || Files.size(file) <= 44) {
      throw new IOException("FreeTTS could not speak the narration");
    }
  }
}
