package dev.reelsmith.api.cli;

import dev.reelsmith.workflows.messages.ProgressUpdate;
import dev.reelsmith.workflows.messages.Status;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws progress updates in a terminal: one line per update, with a bar. On an interactive terminal
 * the bar line is redrawn in place and only finished steps stay on screen.
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean interactive;
  private boolean barShown;

  ProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  void show(ProgressUpdate update) {
    String line = line(update);
    if (!interactive) {
      out.println(line);
      return;
    }
    if (barShown) {
      out.print("\r\033[2K");
    }
    if (update.status() == Status.IN_PROGRESS && !update.terminal()) {
      out.print(line);
      barShown = true;
    } else {
      out.println(line);
      barShown = false;
    }
    out.flush();
  }

  /** Ends a bar line left open, so what follows starts on a fresh line. */
  void finish() {
    if (barShown) {
      out.println();
      barShown = false;
    }
  }

  static String line(ProgressUpdate update) {
    int filled = update.progress() * WIDTH / 100;
    String mark =
        switch (update.status()) {
          case COMPLETED -> "✓";
          case FAILED -> "✗";
          case CANCELLED -> "■";
          case IN_PROGRESS -> "…";
        };
    return String.format(
        Locale.ROOT,
        "[%s%s] %3d%% %s %s",
        "█".repeat(filled),
        "░".repeat(WIDTH - filled),
        update.progress(),
        mark,
        update.message());
  }
}
