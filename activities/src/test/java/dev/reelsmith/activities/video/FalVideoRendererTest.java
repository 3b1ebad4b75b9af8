package dev.reelsmith.activities.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reelsmith.activities.render.RenderProgress;
import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.RenderActivities;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.FinalAd;
import dev.reelsmith.workflows.messages.SceneParams;
import dev.reelsmith.workflows.messages.SceneVideo;
import dev.reelsmith.workflows.messages.Tone;
import dev.reelsmith.workflows.messages.Transition;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
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
    assertThat(sent.getWidth()).as("cropped to the scene's shape, no larger").isEqualTo(640);
    assertThat(sent.getHeight()).isEqualTo(360);

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

  @Test
  void scenesFromTheProviderStitchIntoTheAdLikeLocalRenders() throws Exception {
    Path reference = folder().resolve(MediaLayout.reference(2));
    ImageIO.write(photo(900, 1200), "png", reference.toFile());
    SceneParams base = landscape();
    SceneParams first =
        new SceneParams(
            1,
            640,
            360,
            30,
            1.0,
            base.imagePath(),
            base.camera(),
            null,
            new Transition(Transition.Kind.CROSSFADE, 0.3),
            "#000000",
            base.prompt(),
            base.seed());
    SceneParams second = scene(2, 640, 360, 30, 1.0);
    RenderActivities worker = worker();

    SceneVideo one = worker.renderScene(generationId, first);
    SceneVideo two = worker.renderScene(generationId, second);
    FinalAd ad =
        worker.stitchAd(
            generationId,
            new Brief(
                "Aurora Cold Brew",
                "Slow-steeped cold brew coffee.",
                null,
                Tone.WARM,
                null,
                15,
                null,
                null,
                List.of(),
                2),
            List.of(first, second),
            List.of(one, two));

    // An IDR frame where the crossfade starts, so the stitcher copies the scene up to there.
    assertThat(VideoProbe.videoPackets(folder().resolve(one.path())).get(30 - 9).keyframe())
        .isTrue();
    VideoProbe.Info info = VideoProbe.probe(folder().resolve(ad.path()));
    assertThat(info.width()).isEqualTo(640);
    assertThat(info.height()).isEqualTo(360);
    assertThat(info.frameCount()).isEqualTo(30 + 30 - 9);
    assertThat(api.paidSubmissions()).isEqualTo(2);
  }

  private String jobId() {
    return heartbeats.stream().filter(h -> h.job() != null).findFirst().orElseThrow().job().id();
  }
}
