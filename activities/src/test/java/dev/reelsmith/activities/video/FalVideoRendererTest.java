package dev.reelsmith.activities.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.activities.render.RenderProgress;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The fal.ai queue renderer against a local server speaking fal's queue API. */
class FalVideoRendererTest extends RemoteVideoRendererContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  FakeVideoApi start(byte[] video) throws IOException {
    return new FakeFal(video);
  }

  @Override
  String providerName() {
    return "fal.ai";
  }

  @Test
  void submitsTheSceneToTheModelPollsAndPublishesItAtTheScenesExactSizeRateAndLength()
      throws Exception {
    SceneParams scene = landscape();

    SceneVideo video = worker().renderScene(generationId, scene);

    assertPublished(video, scene);
    FakeServer.Request submit = api.server().requests(FakeServer.Step.SUBMIT).get(0);
    assertThat(submit.path()).isEqualTo("/" + FakeFal.MODEL);
    assertThat(submit.header("Authorization")).isEqualTo("Key " + FakeFal.KEY);
    assertThat(submit.header("Content-Type")).isEqualTo("application/json");
    JsonNode input = JSON.readTree(submit.body());
    assertThat(input.path("prompt").asText()).isEqualTo(scene.prompt());
    assertThat(input.path("duration").asText()).isEqualTo("5");
    assertThat(input.path("aspect_ratio").asText()).isEqualTo("16:9");
    String image = input.path("image_url").asText();
    assertThat(image).startsWith("data:image/jpeg;base64,");
    BufferedImage sent =
        ImageIO.read(
            new ByteArrayInputStream(
                Base64.getDecoder().decode(image.substring(image.indexOf(',') + 1))));
    assertThat(sent.getWidth()).as("downscaled to cover the frame").isEqualTo(640);
    assertThat(sent.getHeight()).isEqualTo(480);

    String id = jobId();
    assertThat(api.server().requests(FakeServer.Step.STATUS))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(
            poll -> {
              assertThat(poll.path()).isEqualTo("/" + FakeFal.APP + "/requests/" + id + "/status");
              assertThat(poll.header("Authorization")).isEqualTo("Key " + FakeFal.KEY);
            });
    assertThat(api.server().requests(FakeServer.Step.DOWNLOAD))
        .singleElement()
        .satisfies(
            download ->
                assertThat(download.header("Authorization"))
                    .as("the key never goes to the file host")
                    .isNull());
    assertThat(heartbeats)
        .extracting(RenderProgress::job)
        .isNotEmpty()
        .anySatisfy(job -> assertThat(job.id()).isEqualTo(id));
    assertKeyNowhere();
  }

  private String jobId() {
    return heartbeats.stream().filter(h -> h.job() != null).findFirst().orElseThrow().job().id();
  }
}
