package dev.reelsmith.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

class MediaPathTest {

  private static final String ID = Generations.newId();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "final.mp4",
        "final.jpg",
        "scene_videos/scene_01.mp4",
        "scene_videos/scene_01.jpg",
        "references/ref_01.png",
        "uploads/image_02.webp",
        "uploads/image_03.JPEG"
      })
  void admitsTheArtefactsOfTheLayout(String relativePath) {
    MediaPath path = MediaPath.parse(MediaLayout.url(ID, relativePath)).orElseThrow();

    assertThat(path.generationId()).isEqualTo(ID);
    assertThat(path.relativePath()).isEqualTo(relativePath);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "final.mp4:video/mp4",
        "final.jpg:image/jpeg",
        "references/ref_01.png:image/png",
        "uploads/image_01.webp:image/webp"
      })
  void knowsTheTypeOfEachKindOfArtefact(String pathAndType) {
    String[] parts = pathAndType.split(":");

    assertThat(MediaPath.parse(MediaLayout.url(ID, parts[0])).orElseThrow().type())
        .isEqualTo(MediaType.parseMediaType(parts[1]));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "scene_videos",
        "scene_videos/",
        "../final.mp4",
        "./final.mp4",
        "scene_videos/../final.mp4",
        "%2e%2e/final.mp4",
        "%2E%2e/final.mp4",
        "..%2Ffinal.mp4",
        "scene_videos%2Fscene_01.mp4",
        "%2Fetc%2Fpasswd.png",
        "/etc/passwd.png",
        "..%5Cfinal.mp4",
        "scene_videos%5Cscene_01.mp4",
        "%252e%252e/final.mp4",
        "final.mp4%00.png",
        "final%20copy.mp4",
        "final.mp4;jsessionid=1",
        "%zz.mp4",
        "manifest/generation.json",
        "manifest/poster.png",
        "%6Danifest/poster.png",
        ".final.mp4",
        "scene_videos/.scene_01.1a2b3c4d.part.mp4",
        "final.json",
        "final.mp4.part",
        "final"
      })
  void refusesAnythingElse(String relativePath) {
    assertThat(MediaPath.parse(MediaLayout.URL_PREFIX + ID + "/" + relativePath)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/media/..", "/media/%2e%2e/x.mp4", "/media/not-an-id/final.mp4", "/other/x"})
  void findsNoGenerationInAPathWithoutAValidId(String rawPath) {
    assertThat(MediaPath.generationId(rawPath)).isEmpty();
    assertThat(MediaPath.parse(rawPath)).isEmpty();
  }
}
