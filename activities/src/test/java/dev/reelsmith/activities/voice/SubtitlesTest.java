package dev.reelsmith.activities.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.copy.VideoParamsPlanner;
import dev.reelsmith.activities.render.LocalSceneRenderer;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.activities.testing.VideoProbe;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.Caption;
import dev.reelsmith.workflows.messages.Scene;
import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subtitles burned in while a scene's narration plays, and gone when it has been said. */
class SubtitlesTest {

  @TempDir Path root;

  @Test
  void theNarrationIsShownAsSubtitlesWhileItIsSpokenAndTheCaptionMovesUp() throws IOException {
    Brief plain = VoiceOverAdTest.brief(15);
    Brief brief =
        new Brief(
            plain.productName(),
            plain.description(),
            plain.audience(),
            plain.tone(),
            plain.callToAction(),
            plain.durationSeconds(),
            plain.aspectRatio(),
            plain.resolution(),
            plain.brandColors(),
            plain.sceneCount(),
            true);
    String line = "Mornings deserve better coffee.";
    List<Scene> scenes = VoiceOverAdTest.scenes(line);
    String id = Generations.newId();
    List<Narrator.Narration> voice =
        new Narrator(new LocalMediaStore(root), new FreeTtsSpeaker()).narrate(id, scenes);

    SceneParams with =
        new VideoParamsPlanner().plan(brief, scenes, VoiceOverAdTest.images(), voice).get(0);
    SceneParams without =
        new VideoParamsPlanner().plan(plain, scenes, VoiceOverAdTest.images(), voice).get(0);

    assertThat(with.subtitle().text()).isEqualTo(line);
    assertThat(with.subtitle().placement()).isEqualTo(Caption.Placement.LOWER_THIRD);
    assertThat(with.caption().placement()).isEqualTo(Caption.Placement.TOP);
    assertThat(without.subtitle()).isNull();

    Path image = root.resolve("photo.png");
    ImageIO.write(TestImages.photo(480, 300), "png", image.toFile());
    Path subtitled = root.resolve("subtitled.mp4");
    Path bare = root.resolve("bare.mp4");
    SceneParams noCaptionMove = withoutSubtitle(with);
    new LocalSceneRenderer().render(with, image, subtitled, (done, total) -> {});
    new LocalSceneRenderer().render(noCaptionMove, image, bare, (done, total) -> {});

    int width = with.width();
    int height = with.height();
    double spoken = voice.get(0).seconds();
    double during =
        VideoProbe.lumaAt(subtitled, spoken / 2)
            .meanAbsoluteDifference(
                VideoProbe.lumaAt(bare, spoken / 2), 0, height / 2, width, height / 2);
    double after =
        VideoProbe.lumaAt(subtitled, spoken + 0.3)
            .meanAbsoluteDifference(
                VideoProbe.lumaAt(bare, spoken + 0.3), 0, height / 2, width, height / 2);
    assertThat(during).as("the lower half while the line is spoken").isGreaterThan(2);
    assertThat(after).as("the lower half once it has been said").isLessThan(0.5);
  }

  private static SceneParams withoutSubtitle(SceneParams p) {
    return new SceneParams(
        p.index(),
        p.width(),
        p.height(),
        p.fps(),
        p.durationSeconds(),
        p.imagePath(),
        p.camera(),
        p.caption(),
        p.transition(),
        p.backgroundColor(),
        p.prompt(),
        p.seed(),
        p.narrationPath(),
        p.narrationSeconds(),
        null);
  }
}
