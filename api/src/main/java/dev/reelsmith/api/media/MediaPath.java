package dev.reelsmith.api.media;

import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriUtils;

/**
 * A request for one artefact, {@code /media/<generation id>/<relative path>}, taken from the raw
 * (still percent-encoded) request path, so that an encoded {@code /} or {@code ..} is judged after
 * decoding, one segment at a time.
 *
 * <p>Only plain names are let through: every segment is letters, digits, {@code _}, {@code -} and
 * inner dots, so {@code ..}, dot-files (a store's temporary {@code .part} files), empty segments,
 * backslashes and encoded separators never are. The {@link MediaLayout#MANIFEST_FOLDER manifest} is
 * internal, and only the media types an ad is made of are served. Symbolic links are the caller's
 * to refuse: that needs the file system.
 *
 * @param relativePath the artefact inside the generation's folder, e.g. {@code
 *     scene_videos/scene_01.mp4}
 * @param fileName the last segment
 */
record MediaPath(String generationId, String relativePath, String fileName, MediaType type) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  private static final Map<String, MediaType> TYPES =
      Map.of(
          "mp4", MediaType.parseMediaType("video/mp4"),
          "jpg", MediaType.IMAGE_JPEG,
          "jpeg", MediaType.IMAGE_JPEG,
          "png", MediaType.IMAGE_PNG,
          "webp", MediaType.parseMediaType("image/webp"));

  /** The generation id of a raw media path, if it has one; the rest may still be refused. */
  static Optional<String> generationId(String rawPath) {
    if (!rawPath.startsWith(MediaLayout.URL_PREFIX)) {
      return Optional.empty();
    }
    String rest = rawPath.substring(MediaLayout.URL_PREFIX.length());
    int slash = rest.indexOf('/');
    return decode(slash < 0 ? rest : rest.substring(0, slash)).filter(Generations::isValidId);
  }

  /** The artefact a raw media path asks for; empty when it is not one that may be served. */
  static Optional<MediaPath> parse(String rawPath) {
    Optional<String> generationId = generationId(rawPath);
    if (generationId.isEmpty()) {
      return Optional.empty();
    }
    String[] raw = rawPath.substring(MediaLayout.URL_PREFIX.length()).split("/", -1);
    List<String> segments = new ArrayList<>();
    for (int i = 1; i < raw.length; i++) {
      Optional<String> segment = decode(raw[i]).filter(s -> SEGMENT.matcher(s).matches());
      if (segment.isEmpty()) {
        return Optional.empty();
      }
      segments.add(segment.get());
    }
    if (segments.isEmpty() || segments.get(0).equals(MediaLayout.MANIFEST_FOLDER)) {
      return Optional.empty();
    }
    String fileName = segments.get(segments.size() - 1);
    int dot = fileName.lastIndexOf('.');
    MediaType type =
        dot < 0 ? null : TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      return Optional.empty();
    }
    return Optional.of(
        new MediaPath(generationId.get(), String.join("/", segments), fileName, type));
  }

  private static Optional<String> decode(String raw) {
    try {
      return Optional.of(UriUtils.decode(raw, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }
}
