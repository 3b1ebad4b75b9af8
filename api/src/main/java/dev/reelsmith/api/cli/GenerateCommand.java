package dev.reelsmith.api.cli;

import dev.reelsmith.activities.images.InvalidImageException;
import dev.reelsmith.activities.storage.LocalMediaStore;
import dev.reelsmith.activities.storage.Manifest;
import dev.reelsmith.api.generations.ReferenceImages;
import dev.reelsmith.api.security.Accounts;
import dev.reelsmith.workflows.Briefs;
import dev.reelsmith.workflows.FieldError;
import dev.reelsmith.workflows.GenerationWorkflow;
import dev.reelsmith.workflows.Generations;
import dev.reelsmith.workflows.InvalidBriefException;
import dev.reelsmith.workflows.MediaLayout;
import dev.reelsmith.workflows.messages.Brief;
import dev.reelsmith.workflows.messages.GenerationInput;
import dev.reelsmith.workflows.messages.GenerationSettings;
import dev.reelsmith.workflows.messages.GenerationSnapshot;
import dev.reelsmith.workflows.messages.ImageRef;
import dev.reelsmith.workflows.messages.ProgressPage;
import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code generate}: one ad from the command line, on an in-process Temporal server. Input is
 * checked before anything is written; progress is drawn from the workflow's query.
 */
public final class GenerateCommand {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_BAD_INPUT = 2;

  public static final String USAGE =
      """
      Usage: java -jar reelsmith.jar generate --brief brief.json --image a.jpg [--image b.png ...] \
      --out ad.mp4 [--data-dir DIR] [--owner NAME]

        --brief FILE     the brief as JSON (fields of PRODUCT.md §5.1)
        --image FILE     a reference image (JPEG, PNG or WebP); 1 to 10 of them
        --out FILE       where to write the finished MP4
        --data-dir DIR   where generations keep their files (default $REELSMITH_DATA_DIR or ./data)
        --owner NAME     the account a server on the same data folder shows the ad to (default reelsmith)
      """;

  /** The query is cheap; five polls a second keeps the bar lively. */
  private static final long POLL_MILLIS = 200;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  public GenerateCommand(PrintStream out, PrintStream err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  /** Runs the command; returns the process exit code. */
  public int run(String[] args) {
    Arguments arguments;
    Brief brief;
    List<ReferenceImages.Checked> images;
    try {
      arguments = Arguments.parse(args);
      brief = Briefs.parse(Files.readString(arguments.brief(), StandardCharsets.UTF_8));
      images =
          ReferenceImages.check(
              arguments.images().stream().map(ReferenceImages.Candidate::of).toList());
      Path outParent = arguments.out().toAbsolutePath().getParent();
      if (outParent == null || !Files.isDirectory(outParent)) {
        throw new IllegalArgumentException("--out: folder " + outParent + " does not exist");
      }
    } catch (InvalidBriefException e) {
      err.println("reelsmith: the brief is invalid:");
      for (FieldError error : e.errors()) {
        err.println("  " + error.field() + " " + error.message());
      }
      return EXIT_BAD_INPUT;
    } catch (InvalidImageException | IllegalArgumentException e) {
      err.println("reelsmith: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (IOException e) {
      err.println("reelsmith: cannot read " + e.getMessage());
      return EXIT_BAD_INPUT;
    }
    try {
      return generate(arguments, brief, images);
    } catch (IOException e) {
      err.println("reelsmith: " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("reelsmith: interrupted");
      return EXIT_FAILED;
    }
  }

  private int generate(Arguments arguments, Brief brief, List<ReferenceImages.Checked> images)
      throws IOException, InterruptedException {
    LocalMediaStore store =
        arguments.dataDir() == null
            ? LocalMediaStore.fromEnvironment()
            : new LocalMediaStore(arguments.dataDir());
    String generationId = Generations.newId();
    List<ImageRef> refs = ReferenceImages.store(store, generationId, images);
    out.println(
        "Generation " + generationId + " (files in " + store.root().resolve(generationId) + ")");
    GenerationInput input =
        new GenerationInput(
            generationId, brief, refs, GenerationSettings.DEFAULTS, arguments.owner());
    // Recorded like the server's generations, so that a server on the same folder lists it.
    new Manifest(store).create(input, Instant.now());
    try (InProcessTemporal temporal = InProcessTemporal.start(store)) {
      GenerationWorkflow workflow = temporal.start(input);
      GenerationSnapshot snapshot = follow(workflow);
      if (snapshot.status() != Status.COMPLETED) {
        err.println(
            "reelsmith: generation "
                + snapshot.status().wireName()
                + (snapshot.error() == null ? "" : ": " + snapshot.error().message()));
        return EXIT_FAILED;
      }
      Files.copy(
          store.path(generationId, MediaLayout.FINAL_VIDEO),
          arguments.out(),
          StandardCopyOption.REPLACE_EXISTING);
      out.printf(
          Locale.ROOT,
          "Wrote %s (%.1f s, %dx%d)%n",
          arguments.out(),
          snapshot.durationSeconds(),
          brief.width(),
          brief.height());
      return EXIT_OK;
    }
  }

  /** Draws every update until the terminal one; returns the final snapshot. */
  private GenerationSnapshot follow(GenerationWorkflow workflow) throws InterruptedException {
    ProgressBar bar = new ProgressBar(out, interactive);
    long seen = 0;
    while (true) {
      ProgressPage page = workflow.progress(seen);
      for (ProgressUpdate update : page.updates()) {
        bar.show(update);
        seen = update.seq();
        if (update.terminal()) {
          bar.finish();
          return workflow.progress(seen).snapshot();
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** The command's arguments; anything malformed is an {@link IllegalArgumentException}. */
  record Arguments(Path brief, List<Path> images, Path out, Path dataDir, String owner) {

    static Arguments parse(String[] args) {
      Path brief = null;
      Path out = null;
      Path dataDir = null;
      String owner = Accounts.LOCAL_USER;
      List<Path> images = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        String value = args[++i];
        switch (flag) {
          case "--brief" -> brief = Path.of(value);
          case "--image" -> images.add(Path.of(value));
          case "--out" -> out = Path.of(value);
          case "--data-dir" -> dataDir = Path.of(value);
          case "--owner" -> owner = value;
          default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
        }
      }
      if (brief == null || out == null || images.isEmpty()) {
        throw new IllegalArgumentException("--brief, --image and --out are required\n" + USAGE);
      }
      if (!Accounts.isValidName(owner)) {
        throw new IllegalArgumentException(
            "--owner: an account name is 1 to 64 letters, digits and . _ @ -");
      }
      return new Arguments(brief, List.copyOf(images), out, dataDir, owner);
    }
  }
}
