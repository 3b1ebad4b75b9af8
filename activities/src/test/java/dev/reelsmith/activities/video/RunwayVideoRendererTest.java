package dev.reelsmith.activities.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The Runway renderer against a local server speaking Runway's task API. */
class RunwayVideoRendererTest extends RemoteVideoRendererContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  FakeVideoApi start(byte[] video) throws IOException {
    return new FakeRunway(video);
  }

  @Override
  String providerName() {
    return "Runway";
  }

  @Test
  void submitsAPortraitSceneAndPublishesItCroppedResampledAndHeldToTheScenesLength()
      throws Exception {
    // Longer than the 2 s clip at another rate and shape: crop, resample and hold the last frame.
    SceneParams scene = scene(1, 360, 640, 30, 2.5);

    SceneVideo video = worker().renderScene(generationId, scene);

    assertPublished(video, scene);
    FakeServer.Request submit = api.server().requests(FakeServer.Step.SUBMIT).get(0);
    assertThat(submit.header("Authorization")).isEqualTo("Bearer " + FakeRunway.KEY);
    assertThat(submit.header("X-Runway-Version")).isEqualTo("2024-11-06");
    JsonNode body = JSON.readTree(submit.body());
    assertThat(body.path("model").asText()).isEqualTo(FakeRunway.MODEL);
    assertThat(body.path("promptText").asText()).isEqualTo(scene.prompt());
    String image = body.path("promptImage").asText();
    assertThat(image).startsWith("data:image/jpeg;base64,");
    BufferedImage sent =
        ImageIO.read(
            new ByteArrayInputStream(
                Base64.getDecoder().decode(image.substring(image.indexOf(',') + 1))));
    assertThat(sent.getWidth()).as("the landscape photo cropped to portrait").isEqualTo(360);
    assertThat(sent.getHeight()).isEqualTo(640);
    assertThat(body.path("ratio").asText()).isEqualTo("720:1280");
    assertThat(body.path("duration").asInt()).isEqualTo(5);
    assertThat(body.path("seed").asLong()).isEqualTo(scene.seed());
    assertThat(api.server().requests(FakeServer.Step.STATUS))
        .allSatisfy(
            poll -> {
              assertThat(poll.header("Authorization")).isEqualTo("Bearer " + FakeRunway.KEY);
              assertThat(poll.header("X-Runway-Version")).isEqualTo("2024-11-06");
            });
    assertThat(api.server().requests(FakeServer.Step.DOWNLOAD))
        .singleElement()
        .satisfies(download -> assertThat(download.header("Authorization")).isNull());
    // The provider's clip ends at 2 s; the last half second holds its final picture.
    VideoProbe.Luma last = VideoProbe.lumaAt(folder().resolve(video.path()), 2.45);
    VideoProbe.Luma held = VideoProbe.lumaAt(folder().resolve(video.path()), 2.1);
    assertThat(last.meanAbsoluteDifference(held)).isLessThan(2.0);
    assertKeyNowhere();
  }
}
