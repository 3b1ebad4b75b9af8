package dev.reelsmith.activities.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.AspectRatio;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.Resolution;
import dev.reelsmith.workflows.messages.RubricItem;
import dev.reelsmith.workflows.messages.Score;
import dev.reelsmith.workflows.messages.Story;
import dev.reelsmith.workflows.messages.StoryBeat;
import dev.reelsmith.workflows.messages.Tone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  @TempDir Path root;

  private final String generationId = Generations.newId();

  private Manifest manifest() {
    return new Manifest(new LocalMediaStore(root));
  }

  private GenerationInput input() {
    return new GenerationInput(
        generationId,
        new Brief(
            "Aurora Cold Brew",
            "Slow-steeped cold brew coffee.",
            null,
            Tone.WARM,
            "Order today",
            15,
            AspectRatio.LANDSCAPE,
            Resolution.HD,
            List.of("#1A73E8"),
            3),
        List.of(new ImageRef(1, MediaLayout.upload(1, "jpg"), "bottle.jpg")),
        GenerationSettings.DEFAULTS,
        "alice");
  }

  private static Story story(String title) {
    return new Story(
        title,
        List.of(new StoryBeat(StoryBeat.Role.HOOK, "Cold brew, done right.")),
        Score.of(List.of(new RubricItem("hook", 18, 20, "strong"))));
  }

  @Test
  void keepsWhatAGenerationWasStartedWithAsSnakeCaseJson() throws Exception {
    Instant created = Instant.parse("2025-06-01T10:15:30.123Z");
    manifest().create(input(), created);

    String json =
        Files.readString(root.resolve(generationId).resolve(MediaLayout.MANIFEST_GENERATION));
    assertThat(json)
        .contains("\"generation_id\" : \"" + generationId + "\"")
        .contains("\"product_name\" : \"Aurora Cold Brew\"")
        .contains("\"max_parallel_scenes\" : 2")
        .contains("\"original_name\" : \"bottle.jpg\"")
        .contains("\"created_at\" : \"2025-06-01T10:15:30.123Z\"")
        .contains("\"owner\" : \"alice\"");
    Manifest.Created read = manifest().read(generationId, Manifest.GENERATION).orElseThrow();
    assertThat(read.input()).isEqualTo(input());
    assertThat(read.createdAt()).isEqualTo(created);
  }

  @Test
  void readsAManifestWrittenBeforeGenerationsHadOwnersAsOwnedByNobody() throws Exception {
    manifest().create(input(), Instant.parse("2025-06-01T10:15:30Z"));
    Path file = root.resolve(generationId).resolve(MediaLayout.MANIFEST_GENERATION);
    Files.writeString(file, Files.readString(file).replaceAll(",\\s*\"owner\" : \"alice\"", ""));

    Manifest.Created read = manifest().read(generationId, Manifest.GENERATION).orElseThrow();

    assertThat(Files.readString(file)).doesNotContain("owner");
    assertThat(read.owner()).isNull();
    assertThat(read.input().owner()).isNull();
    assertThat(read.brief()).isEqualTo(input().brief());
  }

  @Test
  void aPartNeverWrittenIsEmpty() {
    assertThat(manifest().read(generationId, Manifest.STORY)).isEmpty();
    assertThat(manifest().has(generationId, Manifest.STORY)).isFalse();
  }

  @Test
  void remembersTheResultOfTheWorkAndDoesItOnce() {
    AtomicInteger runs = new AtomicInteger();

    Story first =
        manifest()
            .remember(
                generationId,
                Manifest.STORY,
                () -> story("Written at run " + runs.incrementAndGet()));
    Story second =
        manifest()
            .remember(
                generationId,
                Manifest.STORY,
                () -> story("Written at run " + runs.incrementAndGet()));

    assertThat(runs).hasValue(1);
    assertThat(second).isEqualTo(first).isEqualTo(story("Written at run 1"));
  }

  @Test
  void doesTheWorkAgainWhenThePartIsNotUsable() {
    manifest().write(generationId, Manifest.STORY, story("stale"));

    Story story =
        manifest()
            .remember(
                generationId,
                Manifest.STORY,
                known -> !known.title().equals("stale"),
                () -> story("fresh"));

    assertThat(story.title()).isEqualTo("fresh");
    assertThat(manifest().read(generationId, Manifest.STORY)).contains(story("fresh"));
  }

  @Test
  void replacesADamagedPartInsteadOfFailing() throws Exception {
    Path part = root.resolve(generationId).resolve(MediaLayout.MANIFEST_STORY);
    Files.createDirectories(part.getParent());
    Files.writeString(part, "{\"title\": \"cut off");

    Story story = manifest().remember(generationId, Manifest.STORY, () -> story("rewritten"));

    assertThat(story.title()).isEqualTo("rewritten");
    assertThat(manifest().read(generationId, Manifest.STORY)).contains(story);
  }

  @Test
  void writesThroughTheStoreLeavingNoTemporaryFiles() throws Exception {
    manifest().write(generationId, Manifest.STORY, story("one"));
    manifest().write(generationId, Manifest.STORY, story("two"));

    try (Stream<Path> files = Files.list(root.resolve(generationId).resolve("manifest"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("story.json");
    }
    assertThat(manifest().read(generationId, Manifest.STORY)).contains(story("two"));
  }
}
