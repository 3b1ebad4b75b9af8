package dev.reelsmith.api.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.api.testing.AppTest;
import dev.reelsmith.workflows.MediaLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** An optional music file sent with the brief: kept when it is music, refused when it is not. */
@AppTest
class MusicUploadTest {

  private static final String BRIEF =
      """
      {"product_name": "Aurora Cold Brew", "description": "Cold brew in a glass bottle.",
       "duration_seconds": 15}
      """;

  @TempDir static Path data;
  @TempDir Path files;

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("reelsmith.data-dir", () -> data.toString());
  }

  private static ByteArrayResource named(byte[] bytes, String name) {
    return new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private MultipartBodyBuilder withMusic(ByteArrayResource music) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("brief", BRIEF, MediaType.APPLICATION_JSON);
    body.part("images", new FileSystemResource(TestImages.jpegPhoto(files)));
    body.part("music", music);
    return body;
  }

  private WebTestClient.ResponseSpec post(MultipartBodyBuilder body) {
    return http.post()
        .uri("/api/master-mode/generations")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(body.build()))
        .exchange();
  }

  private static long generationFolders() throws IOException {
    try (Stream<Path> entries = Files.list(data)) {
      return entries.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }

  /** Two seconds of a tone as 16-bit WAV. */
  private static byte[] wav() throws IOException {
    int rate = 44_100;
    int n = 2 * rate;
    ByteBuffer pcm = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      short v = (short) (6000 * Math.sin(2 * Math.PI * 330 * i / rate));
      pcm.putShort(v).putShort(v);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(
        new AudioInputStream(
            new ByteArrayInputStream(pcm.array()), new AudioFormat(rate, 16, 2, true, false), n),
        AudioFileFormat.Type.WAVE,
        out);
    return out.toByteArray();
  }

  @Test
  void keepsTheMusicWithTheGenerationItStarts() throws IOException {
    Map<String, Object> created =
        post(withMusic(named(wav(), "jingle.WAV")))
            .expectStatus()
            .isEqualTo(HttpStatus.ACCEPTED)
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    String id = (String) created.get("generation_id");

    Path stored = data.resolve(id).resolve(MediaLayout.music("wav"));
    assertThat(stored).isRegularFile();
    assertThat(Files.readAllBytes(stored)).isEqualTo(wav());
    Manifest.Created recorded =
        new Manifest(new LocalMediaStore(data)).read(id, Manifest.GENERATION).orElseThrow();
    assertThat(recorded.input().music()).isEqualTo(MediaLayout.music("wav"));
  }

  @Test
  void refusesATextFileNamedLikeAnMp3AndStartsNothing() throws IOException {
    long before = generationFolders();
    post(withMusic(named("not really music".getBytes(), "song.mp3")))
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("\"song.mp3\"", "decoded"))
        .jsonPath("$.errors[0].field")
        .isEqualTo("music");
    assertThat(generationFolders()).isEqualTo(before);
  }

  @Test
  void refusesAFileThatIsNotNamedAsMusic() throws IOException {
    post(withMusic(named(wav(), "jingle.exe")))
        .expectStatus()
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("WAV, MP3"));
  }

  @Test
  void refusesMusicOverItsSizeLimitAndStartsNothing() throws IOException {
    long before = generationFolders();
    post(withMusic(named(new byte[21 * 1024 * 1024], "long.wav")))
        .expectStatus()
        .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("the music at most 20 MB"));
    assertThat(generationFolders()).isEqualTo(before);
  }
}
