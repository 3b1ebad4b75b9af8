package dev.reelsmith.activities.voice;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

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
    WavCollector player = new WavCollector();
    voice.setAudioPlayer(player);
    if (!voice.speak(text) || player.pcm.size() == 0 || player.format == null) {
      throw new IOException("FreeTTS could not speak the narration");
    }
    byte[] pcm = player.pcm.toByteArray();
    try (AudioInputStream audio =
        new AudioInputStream(
            new ByteArrayInputStream(pcm),
            player.format,
            pcm.length / player.format.getFrameSize())) {
      AudioSystem.write(audio, AudioFileFormat.Type.WAVE, file.toFile());
    }
  }

  /**
   * Keeps what the voice says in memory. FreeTTS's own file player announces every file on standard
   * output; a worker's log has no use for that.
   */
  private static final class WavCollector implements AudioPlayer {
    final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    AudioFormat format;
    private float volume = 1;

    @Override
    public void setAudioFormat(AudioFormat format) {
      this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
      return format;
    }

    @Override
    public boolean write(byte[] audioData) {
      return write(audioData, 0, audioData.length);
    }

    @Override
    public boolean write(byte[] audioData, int offset, int size) {
      pcm.write(audioData, offset, size);
      return true;
    }

    @Override
    public float getVolume() {
      return volume;
    }

    @Override
    public void setVolume(float volume) {
      this.volume = volume;
    }

    // A file has no device to pause, drain or time.
    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void reset() {}

    @Override
    public boolean drain() {
      return true;
    }

    @Override
    public void begin(int size) {}

    @Override
    public boolean end() {
      return true;
    }

    @Override
    public void cancel() {}

    @Override
    public void close() {}

    @Override
    public long getTime() {
      return 0;
    }

    @Override
    public void resetTime() {}

    @Override
    public void startFirstSampleTimer() {}

    @Override
    public void showMetrics() {}
  }
}
