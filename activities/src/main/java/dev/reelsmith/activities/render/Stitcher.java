package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Joins rendered scenes into the final ad: their transitions, and a music bed as an AAC track.
 *
 * <p>Re-encoding a whole ad just to add transitions would cost as much as rendering it, so the
 * stitcher copies the compressed packets of each scene's body straight into the output and encodes
 * only the transitions: it decodes the tail of one scene and the head of the next, blends them, and
 * encodes those frames with the same {@link VideoEncoding} settings, so the parameter sets match
 * and the spliced stream stays valid. A scene whose stream does not match (another provider's
 * encoder, another size or rate) is decoded and re-encoded instead: slower, same result.
 *
 * <p>The copy starts at the first IDR frame at or after the incoming overlap, which the renderer
 * places exactly there when it guessed the overlap right ({@link Timeline}); otherwise the frames
 * up to the next IDR are re-encoded too.
 */
public final class Stitcher {

  /** A rendered scene: its file and the parameters it was rendered with. */
  public record Scene(Path video, SceneParams params) {}

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

  /** Joins {@code scenes} (in order) into {@code output}, with music for {@code tone}. */
  public Result stitch(List<Scene> scenes, Tone tone, Path output, Progress progress)
      throws IOException {
    if (scenes.isEmpty()) {
      throw new PermanentRenderException(Failures.STITCH_FAILED, "There are no scenes to join.");
    }
    SceneParams first = scenes.get(0).params();
    int width = first.width();
    int height = first.height();
    int fps = first.fps();
    int count = scenes.size();
    int[] overlap = overlaps(scenes, width, height, fps);
    int total = 0;
    for (int i = 0; i < count; i++) {
      total += scenes.get(i).params().frameCount() - overlap[i];
    }
    try (Mp4Writer writer = new Mp4Writer(output);
        AacTrack audio = new AacTrack(tone, (double) total / fps)) {
      List<byte[]> parameterSets;
      int videoStream;
      try (VideoEncoder reference = new VideoEncoder(width, height, fps)) {
        parameterSets = H264Bitstream.parameterSets(reference.extradata());
        videoStream = writer.addStream(reference.context());
      }
      audio.attach(writer);
      writer.start();
      audio.start();
      Output out = new Output(writer, videoStream, audio, width, height, fps);
      Yuv420Image blended = new Yuv420Image(width, height);
      SceneSource previous = null;
      try {
        for (int s = 0; s < count; s++) {
          Scene scene = scenes.get(s);
          SceneSource current = SceneSource.open(scene, parameterSets, width, height, fps);
          int head = s == 0 ? 0 : overlap[s - 1];
          int tailCut = scene.params().frameCount() - overlap[s];
          if (previous != null) {
            Transition.Kind kind = scenes.get(s - 1).params().transition().kind();
            for (int k = 0; k < head; k++) {
              Yuv420Image from = previous.reader.frame(previous.tailCut + k);
              Yuv420Image to = current.reader.frame(k);
              Transitions.blend(kind, from, to, Transitions.progress(k, head), blended);
              out.encode(blended);
            }
            previous.close();
            previous = null;
          }
          int copyFrom = current.copyable ? current.firstKeyframe(head, tailCut) : -1;
          int soloEnd = copyFrom >= 0 ? copyFrom : tailCut;
          for (int f = head; f < soloEnd; f++) {
            out.encode(current.reader.frame(f));
          }
          if (copyFrom >= 0) {
            out.endEncoding();
            for (int f = copyFrom; f < tailCut; f++) {
              out.copy(current.input.packets().get(f));
            }
            if (s < count - 1) {
              current.reader.seekToPacket(current.lastKeyframe(tailCut));
            }
          }
          current.tailCut = tailCut;
          if (s < count - 1) {
            previous = current;
          } else {
            current.close();
          }
          progress.update(s + 1, count, out.frames, total);
        }
      } finally {
        if (previous != null) {
          previous.close();
        }
      }
      out.endEncoding();
      audio.finish();
      writer.finish();
      if (out.frames != total) {
        throw new IllegalStateException("wrote " + out.frames + " frames, expected " + total);
      }
      return new Result(total, fps, out.copied, out.encoded);
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

  /** The output video: frames are either encoded (in runs) or copied, in order. */
  private static final class Output {
    private final Mp4Writer writer;
    private final int stream;
    private final AacTrack audio;
    private final int width;
    private final int height;
    private final int fps;
    private final AVRational frameTime;
    private VideoEncoder encoder;
    int frames;
    int copied;
    int encoded;

    Output(Mp4Writer writer, int stream, AacTrack audio, int width, int height, int fps) {
      this.writer = writer;
      this.stream = stream;
      this.audio = audio;
      this.width = width;
      this.height = height;
      this.fps = fps;
      this.frameTime = av_make_q(1, fps);
    }

    void encode(Yuv420Image frame) throws IOException {
      if (encoder == null) {
        encoder = new VideoEncoder(width, height, fps);
      }
      encoder.encode(frame, frames, false, this::writeEncoded);
      frames++;
      encoded++;
    }

    /** Flushes and closes the current encoder run, so that copied packets may follow. */
    void endEncoding() throws IOException {
      if (encoder != null) {
        try {
          encoder.finish(this::writeEncoded);
        } finally {
          encoder.close();
          encoder = null;
        }
      }
    }

    void copy(AVPacket packet) throws IOException {
      audio.writeUntil((frames + 1.0) / fps);
      writer.writeFrame(packet, stream, frameTime, frames, true);
      frames++;
      copied++;
    }

    private void writeEncoded(AVPacket packet) throws IOException {
      audio.writeUntil((packet.pts() + 1.0) / fps);
      writer.writeFrame(packet, stream, frameTime, packet.pts(), false);
    }
  }

  /** One scene being read: its packets, a decoder, and whether its packets can be copied. */
  private static final class SceneSource implements AutoCloseable {
    final VideoInput input;
    final FrameReader reader;
    final boolean copyable;
    int tailCut;

    private SceneSource(VideoInput input, FrameReader reader, boolean copyable) {
      this.input = input;
      this.reader = reader;
      this.copyable = copyable;
    }

    static SceneSource open(Scene scene, List<byte[]> parameterSets, int width, int height, int fps)
        throws IOException {
      VideoInput input;
      try {
        input = VideoInput.read(scene.video());
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
      try {
        boolean copyable =
            matches(input, scene.params().frameCount(), parameterSets, width, height, fps);
        return new SceneSource(input, new FrameReader(input, width, height, fps), copyable);
      } catch (IOException | RuntimeException e) {
        input.close();
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
    int firstKeyframe(int from, int until) {
      for (int i = from; i < until; i++) {
        if (input.isKeyframe(i)) {
          return i;
        }
      }
      return -1;
    }

    /** The last IDR frame at or before {@code frame}. */
    int lastKeyframe(int frame) {
      for (int i = Math.min(frame, input.packetCount() - 1); i > 0; i--) {
        if (input.isKeyframe(i)) {
          return i;
        }
      }
      return 0;
    }

    @Override
    public void close() {
      reader.close();
      input.close();
    }
  }
}
