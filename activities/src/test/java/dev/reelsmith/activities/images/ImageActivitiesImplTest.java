package dev.reelsmith.activities.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.workflows.Failures;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.ImageActivities;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageActivitiesImplTest {

  @TempDir Path root;
  @TempDir Path sources;

  private final String generationId = Generations.newId();
  private LocalMediaStore store;
  private TestActivityEnvironment environment;
  private ImageActivities activities;
  private final List<Integer> heartbeats = new ArrayList<>();

  @BeforeEach
  void startEnvironment() {
    store = new LocalMediaStore(root);
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(new ImageActivitiesImpl(store));
    environment.setActivityHeartbeatListener(Integer.class, heartbeats::add);
    activities =
        environment.newActivityStub(
            ImageActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
  }

  @AfterEach
  void closeEnvironment() {
    environment.close();
  }

  /** Stores a file as the API would: under uploads/, named by index. */
  private ImageRef upload(int index, Path source, String originalName) throws Exception {
    String extension = originalName.substring(originalName.lastIndexOf('.') + 1);
    String path = MediaLayout.upload(index, extension);
    Path target = store.path(generationId, path);
    Files.createDirectories(target.getParent());
    Files.copy(source, target);
    return new ImageRef(index, path, originalName);
  }

  @Test
  void writesUprightReferenceCopiesAndAnalysesThem() throws Exception {
    List<ImageRef> images =
        List.of(
            upload(1, TestImages.exifRotatedJpeg(sources), "IMG_2041.jpg"),
            upload(2, TestImages.cutOutPng(sources), "bottle.png"),
            upload(3, TestImages.webpPhoto(sources), "shelf.webp"));

    List<ImageAnalysis> analyses = activities.analyzeImages(generationId, images);

    assertThat(analyses).extracting(ImageAnalysis::index).containsExactly(1, 2, 3);
    assertThat(analyses)
        .extracting(ImageAnalysis::normalized)
        .containsExactly(
            MediaLayout.reference(1), MediaLayout.reference(2), MediaLayout.reference(3));
    BufferedImage sideways =
        ImageIO.read(store.path(generationId, MediaLayout.reference(1)).toFile());
    assertThat(sideways.getWidth()).isEqualTo(200);
    assertThat(sideways.getHeight()).isEqualTo(300);
    assertThat(analyses.get(0).width()).isEqualTo(200);
    assertThat(analyses.get(0).height()).isEqualTo(300);
    BufferedImage cutOut =
        ImageIO.read(store.path(generationId, MediaLayout.reference(2)).toFile());
    assertThat(cutOut.getColorModel().hasAlpha()).isTrue();
    assertThat(analyses.get(1).transparent()).isTrue();
    // The SDK throttles heartbeats, so only the first is sure to arrive this quickly.
    assertThat(heartbeats).isNotEmpty().allSatisfy(index -> assertThat(index).isBetween(1, 3));
  }

  @Test
  void scalesLargeImagesDownForTheReferenceButReportsTheirOriginalSize() throws Exception {
    List<ImageRef> images = List.of(upload(1, TestImages.panoramaJpeg(sources), "wide.jpg"));

    ImageAnalysis analysis = activities.analyzeImages(generationId, images).get(0);

    BufferedImage reference =
        ImageIO.read(store.path(generationId, MediaLayout.reference(1)).toFile());
    assertThat(reference.getWidth()).isEqualTo(ImageActivitiesImpl.REFERENCE_MAX_SIDE);
    assertThat(reference.getHeight()).isEqualTo(341);
    assertThat(analysis.width()).isEqualTo(6000);
    assertThat(analysis.height()).isEqualTo(800);
  }

  @Test
  void givesTheSameAnswerWhenRunTwice() throws Exception {
    List<ImageRef> images =
        List.of(
            upload(1, TestImages.jpegPhoto(sources), "photo.jpg"),
            upload(2, TestImages.cutOutPng(sources), "cutout.png"));

    List<ImageAnalysis> first = activities.analyzeImages(generationId, images);
    byte[] reference = Files.readAllBytes(store.path(generationId, MediaLayout.reference(1)));
    List<ImageAnalysis> second = activities.analyzeImages(generationId, images);

    assertThat(second).isEqualTo(first);
    assertThat(Files.readAllBytes(store.path(generationId, MediaLayout.reference(1))))
        .isEqualTo(reference);
  }

  @Test
  void remakesAReferenceCopyThatCannotBeRead() throws Exception {
    List<ImageRef> images = List.of(upload(1, TestImages.jpegPhoto(sources), "photo.jpg"));
    List<ImageAnalysis> first = activities.analyzeImages(generationId, images);
    Files.write(store.path(generationId, MediaLayout.reference(1)), new byte[] {1, 2, 3});

    List<ImageAnalysis> second = activities.analyzeImages(generationId, images);

    assertThat(second).isEqualTo(first);
    assertThat(ImageIO.read(store.path(generationId, MediaLayout.reference(1)).toFile()))
        .isNotNull();
  }

  @Test
  void failsWithoutRetryOnAnImageThatCannotBeDecodedNamingIt() throws Exception {
    List<ImageRef> images =
        List.of(
            upload(1, TestImages.jpegPhoto(sources), "photo.jpg"),
            upload(2, TestImages.truncatedJpeg(sources), "beach.jpg"));

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.analyzeImages(generationId, images));

    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.INVALID_IMAGE.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage())
        .startsWith("Image 2 (\"beach.jpg\") is truncated")
        .contains("upload the complete file again");
  }

  @Test
  void failsWithoutRetryOnAFileThatIsNotAnImage() throws Exception {
    List<ImageRef> images = List.of(upload(1, TestImages.textNamedJpg(sources), "notes.jpg"));

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.analyzeImages(generationId, images));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.INVALID_IMAGE.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).startsWith("Image 1 (\"notes.jpg\") is a text file");
  }

  @Test
  void failsWithoutRetryWhenAnUploadIsMissing() {
    List<ImageRef> images = List.of(new ImageRef(1, MediaLayout.upload(1, "jpg"), "gone.jpg"));

    ActivityFailure failure =
        catchThrowableOfType(
            ActivityFailure.class, () -> activities.analyzeImages(generationId, images));

    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertThat(cause.getType()).isEqualTo(Failures.MISSING_ARTEFACT.name());
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage()).contains("Image 1 (\"gone.jpg\")");
  }
}
