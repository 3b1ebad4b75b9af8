package dev.reelsmith.activities.render;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * An H.264 encoder configured by {@link VideoEncoding}: {@link Yuv420Image} frames in, packets out
 * to a {@link PacketSink}. Timestamps are frame numbers (time base 1/fps).
 */
final class VideoEncoder implements AutoCloseable {

  /** Receives each encoded packet; the packet is only valid during the call. */
  @FunctionalInterface
  interface PacketSink {
    void accept(AVPacket packet) throws IOException;
  }

  private final AVCodecContext context;
  private final AVFrame frame;
  private final AVPacket packet;
  private final int width;
  private final int height;
  private int framesEncoded;
  private boolean finished;

  VideoEncoder(int width, int height, int fps) throws FFmpegException {
    this.width = width;
    this.height = height;
    this.context = VideoEncoding.open(width, height, fps);
    this.frame = av_frame_alloc();
    this.packet = av_packet_alloc();
    frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
    int ret = av_frame_get_buffer(frame, 0);
    if (ret < 0) {
      close();
      Av.check(ret, "allocating a video frame");
    }
  }

  AVCodecContext context() {
    return context;
  }

  AVRational timeBase() {
    return context.time_base();
  }

  /** The parameter sets (SPS/PPS) the encoder put in its global header. */
  byte[] extradata() {
    return extradata(context.extradata(), context.extradata_size());
  }

  static byte[] extradata(BytePointer data, int size) {
    byte[] bytes = new byte[Math.max(0, size)];
    if (size > 0 && data != null) {
      data.get(bytes, 0, size);
    }
    return bytes;
  }

  int framesEncoded() {
    return framesEncoded;
  }

  /**
   * Encodes one frame with timestamp {@code pts}; {@code keyframe} forces an IDR frame, a point
   * where a stream can be cut and joined.
   */
  void encode(Yuv420Image image, long pts, boolean keyframe, PacketSink sink) throws IOException {
    if (image.width != width || image.height != height) {
      throw new IllegalArgumentException(
          "frame is " + image.width + "x" + image.height + ", encoder " + width + "x" + height);
    }
    Av.check(av_frame_make_writable(frame), "making the video frame writable");
    copyPlane(image.y, width, height, frame.data(0), frame.linesize(0));
    copyPlane(image.u, image.chromaWidth, image.chromaHeight, frame.data(1), frame.linesize(1));
    copyPlane(image.v, image.chromaWidth, image.chromaHeight, frame.data(2), frame.linesize(2));
    frame.pts(pts).duration(1);
    frame.pict_type(keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
    Av.check(avcodec_send_frame(context, frame), "encoding a video frame");
    framesEncoded++;
    drain(sink);
  }

  /** Flushes the encoder's delayed packets; no frame may follow. */
  void finish(PacketSink sink) throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    Av.check(avcodec_send_frame(context, null), "flushing the video encoder");
    drain(sink);
  }

  private void drain(PacketSink sink) throws IOException {
    while (true) {
      int ret = avcodec_receive_packet(context, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      Av.check(ret, "receiving an encoded video packet");
      try {
        sink.accept(packet);
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  private static void copyPlane(byte[] plane, int w, int h, BytePointer target, int linesize) {
    if (linesize == w) {
      target.position(0).put(plane, 0, w * h);
      return;
    }
    for (int row = 0; row < h; row++) {
      target.position((long) row * linesize).put(plane, row * w, w);
    }
  }

  @Override
  public void close() {
    av_packet_free(packet);
    av_frame_free(frame);
    avcodec_free_context(context);
  }
}
