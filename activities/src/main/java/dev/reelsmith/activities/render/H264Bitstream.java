package dev.reelsmith.activities.render;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;

/**
 * The two ways H.264 is packaged, and moving between them. Encoders emit Annex B (NAL units after
 * {@code 00 00 00 01} start codes, parameter sets the same way in their extradata); MP4 stores NAL
 * units behind big-endian length fields, with the parameter sets in an {@code avcC} record.
 */
final class H264Bitstream {

  private H264Bitstream() {}

  /**
   * The SPS and PPS NAL units of a stream's extradata, in order, whichever packaging it uses; two
   * streams whose lists are equal can be spliced.
   */
  static List<byte[]> parameterSets(byte[] extradata) {
    return isAvcc(extradata) ? fromAvcc(extradata) : fromAnnexB(extradata);
  }

  static boolean isAvcc(byte[] extradata) {
    return extradata.length >= 7 && extradata[0] == 1;
  }

  /** Bytes per NAL length field in packets of a stream with this avcC, or -1 if not avcC. */
  static int lengthSize(byte[] extradata) {
    return isAvcc(extradata) ? (extradata[4] & 3) + 1 : -1;
  }

  private static List<byte[]> fromAvcc(byte[] avcc) {
    List<byte[]> units = new ArrayList<>();
    int p = 5;
    for (int kind = 0; kind < 2 && p < avcc.length; kind++) {
      int count = kind == 0 ? avcc[p] & 0x1F : avcc[p] & 0xFF;
      p++;
      for (int i = 0; i < count && p + 2 <= avcc.length; i++) {
        int length = ((avcc[p] & 0xFF) << 8) | (avcc[p + 1] & 0xFF);
        p += 2;
        if (p + length > avcc.length) {
          return units;
        }
        units.add(java.util.Arrays.copyOfRange(avcc, p, p + length));
        p += length;
      }
    }
    return units;
  }

  private static List<byte[]> fromAnnexB(byte[] stream) {
    List<byte[]> units = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i + 3 <= stream.length) {
      if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
        if (start >= 0) {
          units.add(trimTrailingZeros(stream, start, i));
        }
        i += 3;
        start = i;
      } else {
        i++;
      }
    }
    if (start >= 0) {
      units.add(trimTrailingZeros(stream, start, stream.length));
    }
    return units;
  }

  private static byte[] trimTrailingZeros(byte[] stream, int from, int to) {
    int end = to;
    while (end > from && stream[end - 1] == 0) {
      end--;
    }
    return java.util.Arrays.copyOfRange(stream, from, end);
  }

  /**
   * Rewrites, in place, a packet whose NAL units carry 4-byte length fields into Annex B: each
   * length field becomes a 4-byte start code, so the size does not change.
   *
   * @return false (leaving the rest untouched) if a length runs past the packet
   */
  static boolean lengthPrefixedToAnnexB(BytePointer data, int size) {
    long p = 0;
    while (p + 4 <= size) {
      long length =
          ((data.get(p) & 0xFFL) << 24)
              | ((data.get(p + 1) & 0xFFL) << 16)
              | ((data.get(p + 2) & 0xFFL) << 8)
              | (data.get(p + 3) & 0xFFL);
      if (p + 4 + length > size) {
        return false;
      }
      data.put(p, (byte) 0).put(p + 1, (byte) 0).put(p + 2, (byte) 0).put(p + 3, (byte) 1);
      p += 4 + length;
    }
    return p == size;
  }
}
