package dev.reelsmith.workflows;

import java.util.Locale;

/**
 * The one owner of where artefacts live inside a generation's media folder ({@code <data
 * dir>/<generation id>/}) and of the links that serve them. Only these relative paths travel
 * through workflow history; the bytes stay on disk.
 */
public final class MediaLayout {

  /** Where the API serves artefacts: {@code /media/<generation id>/<relative path>}. */
  public static final String URL_PREFIX = "/media/";

  public static final String FINAL_VIDEO = "final.mp4";
  public static final String FINAL_POSTER = "final.jpg";

  /**
   * The generation's manifest: one JSON part per finished step, so the history and finished ads
   * survive a restart of an embedded Temporal server. Internal: never served as media.
   */
  public static final String MANIFEST_FOLDER = "manifest";

  /** What the generation was started with; written before its workflow starts. */
  public static final String MANIFEST_GENERATION = MANIFEST_FOLDER + "/generation.json";

  public static final String MANIFEST_IMAGES = MANIFEST_FOLDER + "/images.json";
  public static final String MANIFEST_STORY = MANIFEST_FOLDER + "/story.json";
  public static final String MANIFEST_SCENES = MANIFEST_FOLDER + "/scenes.json";
  public static final String MANIFEST_PARAMS = MANIFEST_FOLDER + "/params.json";
  public static final String MANIFEST_FINAL = MANIFEST_FOLDER + "/final.json";

  private MediaLayout() {}

  /** An uploaded reference image as the user sent it, e.g. {@code uploads/image_01.jpg}. */
  public static String upload(int index, String extension) {
    return String.format(Locale.ROOT, "uploads/image_%02d.%s", index, extension);
  }

  /** The user's music file, e.g. {@code uploads/music.mp3}. */
  public static String music(String extension) {
    return "uploads/music." + extension;
  }

  /** The upright, downscaled copy of a reference image that renderers read. */
  public static String reference(int index) {
    return String.format(Locale.ROOT, "references/ref_%02d.png", index);
  }

  /** A rendered scene video, e.g. {@code scene_videos/scene_01.mp4}. */
  public static String sceneVideo(int index) {
    return String.format(Locale.ROOT, "scene_videos/scene_%02d.mp4", index);
  }

  /** The poster of a rendered scene. */
  public static String scenePoster(int index) {
    return String.format(Locale.ROOT, "scene_videos/scene_%02d.jpg", index);
  }

  /** A scene's voice-over, e.g. {@code voice/scene_01.wav}. */
  public static String narration(int index) {
    return String.format(Locale.ROOT, "voice/scene_%02d.wav", index);
  }

  /** The manifest part of one rendered scene, e.g. {@code manifest/scene_01.json}. */
  public static String manifestScene(int index) {
    return String.format(Locale.ROOT, "%s/scene_%02d.json", MANIFEST_FOLDER, index);
  }

  /** The link under which the API serves an artefact of a generation. */
  public static String url(String generationId, String relativePath) {
    return URL_PREFIX + generationId + "/" + relativePath;
  }
}
