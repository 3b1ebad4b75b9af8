package dev.reelsmith.activities.video;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reelsmith.activities.remote.ProviderException;
import dev.reelsmith.activities.remote.ProviderHttp;
import dev.reelsmith.activities.render.SceneNormaliser;
import dev.reelsmith.activities.render.SceneRenderer;
import dev.reelsmith.workflows.messages.SceneParams;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A scene made by an image-to-video API: submit once, keep the job ({@link SceneRenderer.Jobs}),
 * poll it with a heartbeat per poll, download the result at once (providers' links expire) and
 * normalise it to the scene ({@link SceneNormaliser}). Subclasses speak one provider's API.
 */
public abstract class RemoteVideoRenderer implements SceneRenderer {

  /** What a poll found. */
  protected sealed interface Status permits Running, Finished, Failed {}

  /** Queued or being made. */
  protected record Running() implements Status {}

  /** Made; the video is at {@code video} for a while. */
  protected record Finished(URI video) implements Status {}

  /**
   * The job will never give a video; the next attempt submits a new one if {@code error} allows.
   */
  protected record Failed(ProviderException error) implements Status {}

  protected final ProviderHttp http;
  private final String jobKind;
  private final Duration pollInterval;

  /**
   * @param jobKind stored with each job, so that a job is only ever polled by its own provider
   */
  protected RemoteVideoRenderer(String jobKind, ProviderHttp http, Duration pollInterval) {
    this.jobKind = jobKind;
    this.http = http;
    this.pollInterval = pollInterval;
  }

  /** Submits the scene; the provider bills for it from here on. */
  protected abstract ProviderJob submit(SceneParams scene, String imageDataUri);

  /** Reads the job's status once. */
  protected abstract Status poll(ProviderJob job, SceneParams scene);

  /** The provider's name as users know it. */
  protected final String provider() {
    return http.provider();
  }

  protected final ProviderJob job(String id, String statusUrl, String resultUrl) {
    return new ProviderJob(jobKind, id, statusUrl, resultUrl);
  }

  @Override
  public final void render(SceneParams scene, Path referenceImage, Path output, Progress progress)
      throws IOException {
    render(scene, referenceImage, output, progress, Jobs.inMemory());
  }

  @Override
  public final void render(
      SceneParams scene, Path referenceImage, Path output, Progress progress, Jobs jobs)
      throws IOException {
    ProviderJob job = jobs.pending().filter(j -> j.provider().equals(jobKind)).orElse(null);
    if (job == null) {
      job = submit(scene, ReferenceImages.dataUri(referenceImage, scene));
      jobs.started(job);
    }
    URI video = await(job, scene, progress, jobs);
    Path download = Files.createTempFile(output.toAbsolutePath().getParent(), ".download-", ".mp4");
    try {
      download(video, scene, download, jobs);
      SceneNormaliser.normalise(download, scene, output, progress);
    } finally {
      Files.deleteIfExists(download);
    }
  }

  private URI await(ProviderJob job, SceneParams scene, Progress progress, Jobs jobs)
      throws IOException {
    while (true) {
      Status status = poll(job, scene);
      if (status instanceof Finished finished) {
        return finished.video();
      }
      if (status instanceof Failed failed) {
        jobs.forget();
        throw failed.error();
      }
      progress.update(0, scene.frameCount());
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + provider());
      }
    }
  }

  private void download(URI video, SceneParams scene, Path to, Jobs jobs) throws IOException {
    String what = "downloading scene " + scene.index() + "'s video";
    // No credentials: result links are signed or public, and the host may not be the provider's.
    HttpResponse<byte[]> response = http.exchange(HttpRequest.newBuilder(video).GET(), what);
    int code = response.statusCode();
    if (code / 100 == 2) {
      Files.write(to, response.body());
      return;
    }
    if (code == 403 || code == 404 || code == 410) {
      jobs.forget();
      throw ProviderException.rejected(
          String.format(
              Locale.ROOT,
              "The video %s made for scene %d can no longer be downloaded (HTTP %d): its link has"
                  + " expired. The job is forgotten, so Retry asks %s for a new video, which is"
                  + " billed again.",
              provider(),
              scene.index(),
              code,
              provider()));
    }
    throw http.failure(response, what);
  }

  /** A GET of a job's JSON; empty when the provider no longer knows the job (404). */
  protected final Optional<JsonNode> getJson(HttpRequest.Builder request, String what) {
    HttpResponse<byte[]> response = http.exchange(request.GET(), what);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw http.failure(response, what);
    }
    return Optional.of(http.json(response.body(), what));
  }

  /** The job is gone at the provider: forget it, and let the next attempt submit a new one. */
  protected final Failed unknownJob(ProviderJob job, SceneParams scene) {
    return new Failed(
        ProviderException.unavailable(
            provider()
                + " no longer knows job "
                + job.id()
                + " for scene "
                + scene.index()
                + "; the next attempt submits a new one",
            null));
  }

  /** A result link, or a failure if the provider gave none a browser could fetch. */
  protected final Status video(String url, SceneParams scene) {
    if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
      try {
        return new Finished(URI.create(url));
      } catch (IllegalArgumentException e) {
        return new Failed(
            ProviderException.unavailable(
                provider() + " gave a malformed video link for scene " + scene.index(), e));
      }
    }
    return new Failed(
        ProviderException.unavailable(
            provider() + " finished scene " + scene.index() + " without a video link", null));
  }

  /** The scene's text prompt, never empty: every supported model needs one. */
  protected static String prompt(SceneParams scene, int maxLength) {
    String prompt =
        scene.prompt() == null || scene.prompt().isBlank()
            ? "A slow, smooth cinematic camera move over this product photo"
            : scene.prompt().strip();
    return prompt.length() <= maxLength ? prompt : prompt.substring(0, maxLength);
  }

  /**
   * The shortest of {@code durations} (seconds, ascending) that covers the scene, or the longest;
   * the normaliser trims the rest or holds the last frame.
   */
  protected static int duration(SceneParams scene, List<Integer> durations) {
    for (int seconds : durations) {
      if (seconds >= scene.durationSeconds() - 1e-6) {
        return seconds;
      }
    }
    return durations.get(durations.size() - 1);
  }

  /** Of ratios {@code "w:h"}, the one nearest the scene's shape. */
  protected static String nearestRatio(SceneParams scene, List<String> ratios) {
    double wanted = Math.log((double) scene.width() / scene.height());
    String best = ratios.get(0);
    double bestDistance = Double.MAX_VALUE;
    for (String ratio : ratios) {
      String[] parts = ratio.split(":");
      double distance =
          Math.abs(Math.log(Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])) - wanted);
      if (distance < bestDistance) {
        best = ratio;
        bestDistance = distance;
      }
    }
    return best;
  }
}
