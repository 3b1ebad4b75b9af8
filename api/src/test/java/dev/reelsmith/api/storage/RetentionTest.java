package dev.reelsmith.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.api.TestAccounts;
import dev.reelsmith.api.generations.GenerationManifests;
import dev.reelsmith.api.testing.ReelsmithClient;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.ImageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Old generations go, media and manifest; running ones and everything else stay. */
class RetentionTest {

  private static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");
  private static final int DAYS = 30;

  @TempDir Path data;
  @TempDir Path outside;

  private final Set<String> running = new HashSet<>();

  private LocalMediaStore store() {
    return new LocalMediaStore(data);
  }

  private Retention retention() {
    LocalMediaStore store = store();
    return new Retention(
        data,
        store,
        new GenerationManifests(store),
        running::contains,
        Clock.fixed(NOW, ZoneOffset.UTC),
        DAYS);
  }

  /** A generation created {@code age} ago, with its manifest, an upload and a scene video. */
  private String generation(Duration age) throws Exception {
    String id = Generations.newId();
    LocalMediaStore store = store();
    Path upload = store.path(id, MediaLayout.upload(1, "jpg"));
    Files.createDirectories(upload.getParent());
    Files.write(upload, new byte[2048]);
    Path scene = store.path(id, MediaLayout.sceneVideo(1));
    Files.createDirectories(scene.getParent());
    Files.write(scene, new byte[4096]);
    GenerationInput input =
        new GenerationInput(
            id,
            Briefs.parse(ReelsmithClient.BRIEF),
            List.of(new ImageRef(1, MediaLayout.upload(1, "jpg"), "bottle.jpg")),
            GenerationSettings.DEFAULTS,
            TestAccounts.USER);
    new Manifest(store).create(input, NOW.minus(age));
    return id;
  }

  private boolean exists(String id) {
    return Files.exists(data.resolve(id));
  }

  private List<Path> deleting() throws IOException {
    Path deleting = data.resolve(Retention.DELETING);
    if (!Files.exists(deleting)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(deleting)) {
      return entries.toList();
    }
  }

  @Test
  void deletesTheMediaAndManifestOfOldGenerationsThatAreNotRunning() throws Exception {
    String old = generation(Duration.ofDays(DAYS + 10));
    String justOld = generation(Duration.ofDays(DAYS).plusMinutes(1));
    String recent = generation(Duration.ofDays(DAYS - 1));
    String oldButRunning = generation(Duration.ofDays(DAYS + 10));
    running.add(oldButRunning);

    List<String> deleted = retention().run();

    assertThat(deleted).containsExactlyInAnyOrder(old, justOld);
    assertThat(exists(old)).isFalse();
    assertThat(exists(justOld)).isFalse();
    assertThat(exists(recent)).isTrue();
    assertThat(exists(oldButRunning)).isTrue();
    assertThat(new GenerationManifests(store()).newestFirst())
        .extracting(Manifest.Created::generationId)
        .containsExactlyInAnyOrder(recent, oldButRunning);
    assertThat(deleting()).isEmpty();
  }

  @Test
  void aGenerationThatStopsRunningIsDeletedByALaterRun() throws Exception {
    String id = generation(Duration.ofDays(DAYS + 1));
    running.add(id);
    assertThat(retention().run()).isEmpty();

    running.remove(id);

    assertThat(retention().run()).containsExactly(id);
    assertThat(exists(id)).isFalse();
  }

  @Test
  void runningAgainDeletesNothingMore() throws Exception {
    String old = generation(Duration.ofDays(DAYS + 1));
    String recent = generation(Duration.ofDays(1));
    assertThat(retention().run()).containsExactly(old);

    assertThat(retention().run()).isEmpty();
    assertThat(exists(recent)).isTrue();
  }

  @Test
  void finishesADeleteThatWasInterrupted() throws Exception {
    Path leftover = data.resolve(Retention.DELETING).resolve(Generations.newId() + "-x");
    Files.createDirectories(leftover.resolve("scene_videos"));
    Files.write(leftover.resolve("scene_videos/scene_01.mp4"), new byte[10]);

    retention().run();

    assertThat(deleting()).isEmpty();
  }

  @Test
  void aFolderWithoutAManifestIsAsOldAsItWasLastChanged() throws Exception {
    String stale = Generations.newId();
    String fresh = Generations.newId();
    Files.createDirectories(data.resolve(stale).resolve("uploads"));
    Files.createDirectories(data.resolve(fresh).resolve("uploads"));
    Files.setLastModifiedTime(
        data.resolve(stale), FileTime.from(NOW.minus(Duration.ofDays(DAYS + 1))));
    Files.setLastModifiedTime(data.resolve(fresh), FileTime.from(NOW.minus(Duration.ofDays(1))));

    assertThat(retention().run()).containsExactly(stale);
    assertThat(exists(fresh)).isTrue();
  }

  @Test
  void neverDeletesAnythingOutsideTheDataDirNorWhatIsNotAGeneration() throws Exception {
    Path precious =
        Files.writeString(outside.resolve("precious.txt"), "keep", StandardCharsets.UTF_8);
    Path preciousFolder = Files.createDirectories(outside.resolve("folder"));
    Files.writeString(preciousFolder.resolve("inside.txt"), "keep", StandardCharsets.UTF_8);
    String old = generation(Duration.ofDays(DAYS + 1));
    Files.createSymbolicLink(data.resolve(old).resolve("link-to-file"), precious);
    Files.createSymbolicLink(data.resolve(old).resolve("link-to-folder"), preciousFolder);
    String linkedGeneration = Generations.newId();
    Files.createSymbolicLink(data.resolve(linkedGeneration), preciousFolder);
    Files.setLastModifiedTime(preciousFolder, FileTime.from(NOW.minus(Duration.ofDays(DAYS + 1))));
    Path notAGeneration = Files.createDirectories(data.resolve("not-a-generation"));
    Files.setLastModifiedTime(notAGeneration, FileTime.from(Instant.EPOCH));
    Path incoming = Files.createDirectories(data.resolve(".incoming"));

    assertThat(retention().run()).containsExactlyInAnyOrder(old, linkedGeneration);

    assertThat(exists(old)).isFalse();
    assertThat(Files.exists(data.resolve(linkedGeneration), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(precious).hasContent("keep");
    assertThat(preciousFolder.resolve("inside.txt")).hasContent("keep");
    assertThat(notAGeneration).isDirectory();
    assertThat(incoming).isDirectory();
  }

  @Test
  void keepsEverythingWhenTemporalCannotSayWhatIsRunning() throws Exception {
    String old = generation(Duration.ofDays(DAYS + 1));
    LocalMediaStore store = store();
    Retention unsure =
        new Retention(
            data,
            store,
            new GenerationManifests(store),
            id -> {
              throw new IllegalStateException("Temporal is unreachable");
            },
            Clock.fixed(NOW, ZoneOffset.UTC),
            DAYS);

    assertThatThrownBy(unsure::run).hasMessageContaining("unreachable");
    assertThat(exists(old)).isTrue();
  }
}
