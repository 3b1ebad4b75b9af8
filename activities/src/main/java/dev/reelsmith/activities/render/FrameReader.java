package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Decodes a {@link VideoInput} into {@link Yuv420Image}s of the output size, addressed by frame
 * number on the output's frame grid: frame {@code n} is the picture shown at {@code n / fps}
 * seconds after the first one. For a Reelsmith scene that is simply packet {@code n}; for a video
 * from another source at another rate or size, the nearest earlier picture, scaled.
 */
final class FrameReader implements AutoCloseable {

  private record Decoded(int index, Yuv420Image image) {}

  private final VideoInput input;
  private final int width;
  private final int height;
  private final int fps;
  private final double timeBase;
  private final long firstPts;
  private final AVCodecContext decoder;
  private final AVFrame frame;
  private AVFrame scaled;
  private SwsContext scaler;
  private int nextPacket;
  private boolean drained;
  private Decoded current;
  private Decoded lookahead;
  private int framesDecoded;

  FrameReader(VideoInput input, int width, int height, int fps) throws FFmpegException {
    this.input = input;
    this.width = width;
    this.height = height;
    this.fps = fps;
    this.timeBase = av_q2d(input.timeBase());
    this.firstPts = input.firstPts();
    AVCodec codec = avcodec_find_decoder(input.parameters().codec_id());
    if (codec == null) {
      throw new FFmpegException("no decoder for " + input.file().getFileName(), -1);
    }
    decoder = avcodec_alloc_context3(codec);
    frame = av_frame_alloc();
    int ret = avcodec_parameters_to_context(decoder, input.parameters());
    if (ret >= 0) {
      decoder.thread_count(1);
      decoder.pkt_timebase(input.timeBase());
      ret = avcodec_open2(decoder, codec, (AVDictionary) null);
    }
    if (ret < 0) {
      close();
      Av.check(ret, "opening a decoder for " + input.file().getFileName());
    }
  }

  /** Restarts decoding at packet {@code packet}, which must be a keyframe. */
  void seekToPacket(int packet) {
    if (!input.isKeyframe(packet)) {
      throw new IllegalArgumentException("packet " + packet + " is not a keyframe");
    }
    avcodec_flush_buffers(decoder);
    nextPacket = packet;
    drained = false;
    current = null;
    lookahead = null;
  }

  /**
   * The picture for output frame {@code index}. Indices must not decrease between seeks; the image
   * stays valid until the next call.
   */
  Yuv420Image frame(int index) throws IOException {
    while (true) {
      if (lookahead == null) {
        lookahead = decodeNext();
      }
      if (lookahead != null && (current == null || lookahead.index() <= index)) {
        current = lookahead;
        lookahead = null;
        continue;
      }
      break;
    }
    if (current == null) {
      throw new FFmpegException(input.file().getFileName() + " has no decodable frame", -1);
    }
    return current.image();
  }

  int framesDecoded() {
    return framesDecoded;
  }

  private Decoded decodeNext() throws IOException {
    while (true) {
      int ret = avcodec_receive_frame(decoder, frame);
      if (ret >= 0) {
        try {
          framesDecoded++;
          return new Decoded(indexOf(frame), convert(frame));
        } finally {
          av_frame_unref(frame);
        }
      }
      if (ret == AVERROR_EOF) {
        return null;
      }
      if (ret != AVERROR_EAGAIN()) {
        Av.check(ret, "decoding " + input.file().getFileName());
      }
      if (nextPacket < input.packetCount()) {
        int sent = avcodec_send_packet(decoder, input.packets().get(nextPacket));
        nextPacket++;
        Av.check(sent, "decoding " + input.file().getFileName());
      } else if (!drained) {
        drained = true;
        Av.check(avcodec_send_packet(decoder, null), "draining the decoder");
      } else {
        return null;
      }
    }
  }

  private int indexOf(AVFrame decoded) {
    long pts = decoded.best_effort_timestamp();
    if (pts == AV_NOPTS_VALUE()) {
      pts = decoded.pts();
    }
    if (pts == AV_NOPTS_VALUE()) {
      return framesDecoded - 1;
    }
    return (int) Math.round((pts - firstPts) * timeBase * fps);
  }

  private Yuv420Image convert(AVFrame decoded) throws FFmpegException {
    AVFrame source = decoded;
    int format = decoded.format();
    boolean planar420 = format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P;
    if (!planar420 || decoded.width() != width || decoded.height() != height) {
      source = scale(decoded);
    }
    Yuv420Image image = new Yuv420Image(width, height);
    copyPlane(source.data(0), source.linesize(0), image.y, width, height);
    copyPlane(source.data(1), source.linesize(1), image.u, image.chromaWidth, image.chromaHeight);
    copyPlane(source.data(2), source.linesize(2), image.v, image.chromaWidth, image.chromaHeight);
    return image;
  }

  private AVFrame scale(AVFrame decoded) throws FFmpegException {
    if (scaler == null) {
      scaler =
          sws_getContext(
              decoded.width(),
              decoded.height(),
              decoded.format(),
              width,
              height,
              AV_PIX_FMT_YUV420P,
              SWS_BICUBIC,
              null,
              null,
              (DoublePointer) null);
      scaled = av_frame_alloc();
      scaled.format(AV_PIX_FMT_YUV420P).width(width).height(height);
      Av.check(av_frame_get_buffer(scaled, 0), "allocating a scaled frame");
    }
    Av.check(
        sws_scale(
            scaler,
            decoded.data(),
            decoded.linesize(),
            0,
            decoded.height(),
            scaled.data(),
            scaled.linesize()),
        "scaling a frame of " + input.file().getFileName());
    return scaled;
  }

  private static void copyPlane(BytePointer source, int linesize, byte[] plane, int w, int h) {
    if (linesize == w) {
      source.position(0).get(plane, 0, w * h);
      return;
    }
    for (int row = 0; row < h; row++) {
      source.position((long) row * linesize).get(plane, row * w, w);
    }
  }

  @Override
  public void close() {
    av_frame_free(frame);
    if (scaled != null) {
      av_frame_free(scaled);
    }
    if (scaler != null) {
      sws_freeContext(scaler);
    }
    avcodec_free_context(decoder);
  }
}
