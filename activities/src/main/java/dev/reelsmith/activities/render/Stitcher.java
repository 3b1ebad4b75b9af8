package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import dev.reelsmith.activities.voice.AudioDecoder;
import dev.reelsmith.activities.voice.Mixdown;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Joins rendered scenes into the final ad: their transitions, and the sound as an AAC track, the
 * scenes' voice-over over music (the user's, or a {@link MusicBed} for the tone), mixed by {@link
 * Mixdown}.
 *
 * <p>Re-encoding a whole ad just to add transitions would cost as much as rendering it, so the
 * stitcher copies the compressed packets of each scene's body straight into the output and encodes
 * only the transitions: it decodes the tail of one scene and the head of the next, blends them, and
 * encodes those frames with the same {@link VideoEncoding} settings, so the parameter sets match
 * and the spliced stream stays valid. A scene whose stream does not match (another provider's
 * encoder, another size or rate) is decoded and re-encoded instead: slower, same result.
 *
 * <p>The copy of a scene starts at its first IDR frame at or after the incoming overlap, which the
 * renderer places exactly there when it guessed the overlap right ({@link Timeline}); otherwise the
 * frames up to that IDR are re-encoded after the transition.
 *
 * <p>The encoded runs (transitions, re-encoded scenes) are independent, so they are made on a small
 * pool of threads while the calling thread writes the copied bodies in order and a third thread
 * makes the music.
 */
public final class Stitcher {

  /** Threads that encode transitions; with the music thread that keeps two cores busy. */
  private static final int ENCODING_THREADS = 2;

  /**
   * A rendered scene: its file, the parameters it was rendered with, and its voice-over file (null
   * when it has none).
   */
  public record Scene(Path video, SceneParams params, @Nullable Path narration) {

    public Scene(Path video, SceneParams params) {
      this(video, params, null);
    }
  }

  /** What plays under the voice-over: the user's music file, or else a bed in the brief's tone. */
  public record Music(Tone tone, @Nullable Path file) {}

  /** What a stitch produced, and how much of it was copied rather than encoded. */
  public record Result(int frames, int fps, int copiedFrames, int encodedFrames) {
    public double durationSeconds() {
      return (double) frames / fps;
    }
  }

  /** Where a stitch is, for heartbeats. */
  @FunctionalInterface
  public interface Progress {
    void update(int scenesDone, int sceneCount, int framesWritten, int framesTotal);
  }

  /** Joins {@code scenes} (in order) into {@code output}, with a music bed for {@code tone}. */
  public Result stitch(List<Scene> scenes, Tone tone, Path output, Progress progress)
      throws IOException {
    return stitch(scenes, new Music(tone, null), output, progress);
  }

  /** Joins {@code scenes} (in order) into {@code output}, with their voice-over and music. */
  public Result stitch(List<Scene> scenes, Music music, Path output, Progress progress)
      throws IOException {
    if (scenes.isEmpty()) {
      throw new PermanentRenderException(Failures.STITCH_FAILED, "There are no scenes to join.");
    }
    SceneParams first = scenes.get(0).params();
    int width = first.width();
    int height = first.height();
    int fps = first.fps();
    int[] overlap = overlaps(scenes, width, height, fps);
    int total = 0;
    List<Voice> voices = new ArrayList<>();
    for (int i = 0; i < scenes.size(); i++) {
      if (scenes.get(i).narration() != null) {
        voices.add(new Voice((double) total / fps, scenes.get(i).narration()));
      }
      total += scenes.get(i).params().frameCount() - overlap[i];
    }
    double seconds = (double) total / fps;

    List<VideoInput> inputs = new ArrayList<>();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            ENCODING_THREADS,
            task -> {
              Thread thread = new Thread(task, "reelsmith-stitch-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    List<Future<Run>> runs = new ArrayList<>();
    try (Mp4Writer writer = new Mp4Writer(output);
        AacTrack audio = new AacTrack(() -> sound(music, voices, seconds))) {
      int videoStream;
      List<byte[]> parameterSets;
      try (VideoEncoder reference = new VideoEncoder(width, height, fps)) {
        parameterSets = H264Bitstream.parameterSets(reference.extradata());
        videoStream = writer.addStream(reference.context());
      }
      audio.attach(writer);
      writer.start();
      audio.start();

      List<Segment> plan = new ArrayList<>();
      int previousSeek = 0;
      for (int s = 0; s < scenes.size(); s++) {
        Scene scene = scenes.get(s);
        VideoInput input = open(scene);
        inputs.add(input);
        int frames = scene.params().frameCount();
        boolean copyable = matches(input, frames, parameterSets, width, height, fps);
        int head = s == 0 ? 0 : overlap[s - 1];
        int tailCut = frames - overlap[s];
        int copyFrom = copyable ? firstKeyframe(input, head, tailCut) : -1;
        int soloEnd = copyFrom >= 0 ? copyFrom : tailCut;
        if (head > 0 || soloEnd > head) {
          Run.Spec spec =
              new Run.Spec(
                  head == 0 ? null : inputs.get(s - 1),
                  head == 0 ? 0 : scenes.get(s - 1).params().frameCount() - head,
                  previousSeek,
                  head == 0 ? null : scenes.get(s - 1).params().transition().kind(),
                  input,
                  head,
                  soloEnd,
                  width,
                  height,
                  fps);
          runs.add(pool.submit(() -> Run.encode(spec)));
          plan.add(new Segment(s, runs.size() - 1, -1, -1));
        }
        if (copyFrom >= 0) {
          plan.add(new Segment(s, -1, copyFrom, tailCut));
        }
        // Packet numbers are frame numbers only in a copyable scene; any other is decoded from
        // its start.
        previousSeek = copyable ? lastKeyframe(input, tailCut) : 0;
      }

      Output out = new Output(writer, videoStream, audio, fps);
      for (int i = 0; i < plan.size(); i++) {
        Segment segment = plan.get(i);
        if (segment.run() >= 0) {
          try (Run run = await(runs.get(segment.run()))) {
            out.write(run);
          }
        } else {
          List<AVPacket> packets = inputs.get(segment.scene()).packets();
          for (int f = segment.copyFrom(); f < segment.copyUntil(); f++) {
            out.copy(packets.get(f));
            if (f % fps == 0) {
              progress.update(segment.scene(), scenes.size(), out.frames, total);
            }
          }
        }
        boolean sceneDone = i == plan.size() - 1 || plan.get(i + 1).scene() != segment.scene();
        progress.update(segment.scene() + (sceneDone ? 1 : 0), scenes.size(), out.frames, total);
      }
      audio.finish();
      writer.finish();
      if (out.frames != total) {
        throw new IllegalStateException("wrote " + out.frames + " frames, expected " + total);
      }
      return new Result(total, fps, out.copied, out.encoded);
    } finally {
      // Runs read the inputs' packets: they must be over before the inputs are freed.
      pool.shutdownNow();
      awaitTermination(pool);
      for (Future<Run> run : runs) {
        freeIfDone(run);
      }
      inputs.forEach(VideoInput::close);
    }
  }

  /** A scene's voice-over file and when in the ad it starts. */
  private record Voice(double startSeconds, Path file) {}

  private static float[][] sound(Music music, List<Voice> voices, double seconds)
      throws IOException {
    List<Mixdown.Line> lines = new ArrayList<>();
    for (Voice voice : voices) {
      lines.add(new Mixdown.Line(voice.startSeconds(), AudioDecoder.decode(voice.file(), seconds)));
    }
    float[][] bed =
        music.file() == null
            ? MusicBed.render(music.tone(), seconds)
            : AudioDecoder.head(music.file(), seconds);
    return Mixdown.mix(bed, lines, seconds);
  }

  /** One piece of the output, in order: an encoded run or a range of copied frames. */
  private record Segment(int scene, int run, int copyFrom, int copyUntil) {}

  private static Run await(Future<Run> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while encoding a transition");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
  }

  /** Frees the packets of a run that finished but was never written (a later step failed). */
  private static void freeIfDone(Future<Run> run) {
    if (!run.isDone() || run.isCancelled()) {
      return;
    }
    try {
      run.get().close();
    } catch (ExecutionException e) {
      // The run failed and freed its own packets; its failure is reported where it is awaited.
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTermination(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Overlap frames after each scene (0 after the last), checked against the scenes' lengths. */
  private static int[] overlaps(List<Scene> scenes, int width, int height, int fps) {
    int count = scenes.size();
    int[] overlap = new int[count];
    for (int i = 0; i < count; i++) {
      SceneParams p = scenes.get(i).params();
      if (p.width() != width || p.height() != height || p.fps() != fps) {
        throw new PermanentRenderException(
            Failures.STITCH_FAILED,
            String.format(
                Locale.ROOT,
                "Scene %d is %dx%d at %d fps but scene 1 is %dx%d at %d fps; all scenes of an ad"
                    + " must share size and frame rate. Prepare the video parameters again.",
                p.index(),
                p.width(),
                p.height(),
                p.fps(),
                width,
                height,
                fps));
      }
      overlap[i] = i == count - 1 ? 0 : Timeline.overlapFrames(p.transition(), fps);
    }
    for (int i = 0; i < count; i++) {
      int head = i == 0 ? 0 : overlap[i - 1];
      int frames = scenes.get(i).params().frameCount();
      if (head + overlap[i] > frames) {
        throw new PermanentRenderException(
            Failures.STITCH_FAILED,
            String.format(
                Locale.ROOT,
                "Scene %d lasts %d frames, too short for its transitions (%d frames in, %d out)."
                    + " Prepare the video parameters again.",
                scenes.get(i).params().index(),
                frames,
                head,
                overlap[i]));
      }
    }
    return overlap;
  }

  private static VideoInput open(Scene scene) throws IOException {
    try {
      return VideoInput.read(scene.video());
    } catch (FFmpegException e) {
      if (e.code() == AVERROR_INVALIDDATA) {
        throw new PermanentRenderException(
            Failures.MISSING_ARTEFACT,
            "Scene "
                + scene.params().index()
                + "'s video "
                + scene.video().getFileName()
                + " is damaged ("
                + e.getMessage()
                + "); render the scene again.",
            e);
      }
      throw e;
    }
  }

  /** Whether packet {@code i} is frame {@code i} of a stream our encoder could have made. */
  private static boolean matches(
      VideoInput input, int frames, List<byte[]> parameterSets, int width, int height, int fps) {
    AVCodecParameters p = input.parameters();
    if (p.codec_id() != AV_CODEC_ID_H264
        || p.width() != width
        || p.height() != height
        || p.format() != AV_PIX_FMT_YUV420P
        || input.packetCount() != frames
        || !input.inPresentationOrder()
        || H264Bitstream.lengthSize(input.extradata()) != 4
        || !sameUnits(H264Bitstream.parameterSets(input.extradata()), parameterSets)) {
      return false;
    }
    double timeBase = av_q2d(input.timeBase());
    long first = input.firstPts();
    for (int i = 0; i < frames; i++) {
      double index = (input.packets().get(i).pts() - first) * timeBase * fps;
      if (Math.abs(index - i) > 0.01) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameUnits(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The first IDR frame in {@code [from, until)}, or -1. */
  private static int firstKeyframe(VideoInput input, int from, int until) {
    for (int i = from; i < until; i++) {
      if (input.isKeyframe(i)) {
        return i;
      }
    }
    return -1;
  }

  /** The last IDR frame at or before {@code frame}. */
  static int lastKeyframe(VideoInput input, int frame) {
    for (int i = Math.min(frame, input.packetCount() - 1); i > 0; i--) {
      if (input.isKeyframe(i)) {
        return i;
      }
    }
    return 0;
  }

  /**
   * Frames encoded in one go by a fresh encoder (so they start with an IDR frame): a transition,
   * then any frames of the incoming scene that cannot be copied.
   */
  private static final class Run implements AutoCloseable {

    /**
     * What to encode: {@code head} frames blending {@code from} (starting at its frame {@code
     * fromStart}, decoded from its keyframe packet {@code fromSeek}) into {@code to}, then frames
     * {@code head..end} of {@code to} as they are.
     */
    record Spec(
        VideoInput from,
        int fromStart,
        int fromSeek,
        Transition.Kind kind,
        VideoInput to,
        int head,
        int end,
        int width,
        int height,
        int fps) {}

    final List<AVPacket> packets = new ArrayList<>();
    int frames;

    static Run encode(Spec spec) throws IOException {
      Run run = new Run();
      try (VideoEncoder encoder = new VideoEncoder(spec.width(), spec.height(), spec.fps());
          FrameReader incoming =
              new FrameReader(spec.to(), spec.width(), spec.height(), spec.fps());
          FrameReader outgoing =
              spec.head() == 0
                  ? null
                  : new FrameReader(spec.from(), spec.width(), spec.height(), spec.fps())) {
        VideoEncoder.PacketSink keep = packet -> run.packets.add(av_packet_clone(packet));
        if (outgoing != null) {
          outgoing.seekToPacket(spec.fromSeek());
          Yuv420Image blended = new Yuv420Image(spec.width(), spec.height());
          for (int k = 0; k < spec.head(); k++) {
            Yuv420Image a = outgoing.frame(spec.fromStart() + k);
            Yuv420Image b = incoming.frame(k);
            Transitions.blend(spec.kind(), a, b, Transitions.progress(k, spec.head()), blended);
            encoder.encode(blended, run.frames++, false, keep);
          }
        }
        for (int f = spec.head(); f < spec.end(); f++) {
          encoder.encode(incoming.frame(f), run.frames++, false, keep);
        }
        encoder.finish(keep);
      } catch (IOException | RuntimeException | Error e) {
        run.close();
        throw e;
      }
      if (run.packets.size() != run.frames) {
        run.close();
        throw new FFmpegException(
            "the encoder made " + run.packets.size() + " packets for " + run.frames + " frames",
            -1);
      }
      return run;
    }

    @Override
    public void close() {
      packets.forEach(packet -> av_packet_free(packet));
      packets.clear();
    }
  }

  /** The output video, written in order: encoded runs and copied packets. */
  private static final class Output {
    private final Mp4Writer writer;
    private final int stream;
    private final AacTrack audio;
    private final int fps;
    private final AVRational frameTime;
    int frames;
    int copied;
    int encoded;

    Output(Mp4Writer writer, int stream, AacTrack audio, int fps) {
      this.writer = writer;
      this.stream = stream;
      this.audio = audio;
      this.fps = fps;
      this.frameTime = av_make_q(1, fps);
    }

    /** Writes an encoded run (Annex B packets, one per frame, in presentation order). */
    void write(Run run) throws IOException {
      for (AVPacket packet : run.packets) {
        audio.writeUntil((frames + 1.0) / fps);
        writer.writeFrame(packet, stream, frameTime, frames, false);
        frames++;
        encoded++;
      }
    }

    /** Copies a packet from a scene's MP4 (NAL units behind length fields). */
    void copy(AVPacket packet) throws IOException {
      audio.writeUntil((frames + 1.0) / fps);
      writer.writeFrame(packet, stream, frameTime, frames, true);
      frames++;
      copied++;
    }
  }
}
