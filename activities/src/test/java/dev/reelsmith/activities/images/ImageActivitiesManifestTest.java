package dev.reelsmith.activities.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.ImageActivities;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload step keeps its analyses in the manifest and answers from there when run again. */
class ImageActivitiesManifestTest {

  @TempDir Path root;
  @TempDir Path sources;

  private final String generationId = Generations.newId();
  private LocalMediaStore store;
  private TestActivityEnvironment environment;
  private ImageActivities activities;

  @BeforeEach
  void startEnvironment() {
    store = new LocalMediaStore(root);
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(new ImageActivitiesImpl(store));
    activities =
        environment.newActivityStub(
            ImageActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  private List<ImageRef> uploads() throws Exception {
    Path photo = TestImages.jpegPhoto(sources);
    Path cutOut = TestImages.cutOutPng(sources);
    return List.of(upload(1, photo, "jpg"), upload(2, cutOut, "png"));
  }

  private ImageRef upload(int index, Path source, String extension) throws Exception {
    String path = MediaLayout.upload(index, extension);
    Path target = store.path(generationId, path);
    Files.createDirectories(target.getParent());
    Files.copy(source, target);
    return new ImageRef(index, path, source.getFileName().toString());
  }

  @Test
  void recordsTheAnalysesInTheManifest() throws Exception {
    List<ImageAnalysis> analyses = activities.analyzeImages(generationId, uploads());

    assertThat(new Manifest(store).read(generationId, Manifest.IMAGES)).contains(analyses);
  }

  @Test
  void returnsTheRecordedAnalysesWithoutReadingTheUploadsAgain() throws Exception {
    List<ImageRef> images = uploads();
    List<ImageAnalysis> first = activities.analyzeImages(generationId, images);
    Path part = store.path(generationId, MediaLayout.MANIFEST_IMAGES);
    FileTime recorded = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(part, recorded);
    for (ImageRef image : images) {
      // Were the step done again, a missing upload would fail it for good.
      Files.delete(store.path(generationId, image.path()));
    }

    List<ImageAnalysis> second = activities.analyzeImages(generationId, images);

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(part)).isEqualTo(recorded);
  }

  @Test
  void analysesAgainWhenAReferenceCopyTheRecordNamesIsGone() throws Exception {
    List<ImageRef> images = uploads();
    List<ImageAnalysis> first = activities.analyzeImages(generationId, images);
    Files.delete(store.path(generationId, MediaLayout.reference(2)));

    List<ImageAnalysis> second = activities.analyzeImages(generationId, images);

    assertThat(second).isEqualTo(first);
    assertThat(store.exists(generationId, MediaLayout.reference(2))).isTrue();
  }
}
