package dev.reelsmith.api;

import dev.reelsmith.api.cli.GenerateCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entry point of the Reelsmith jar: {@code generate} makes one ad from the command line; with no
 * command it starts the server.
 */
public final class Reelsmith {

  private Reelsmith() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("generate")) {
      // The command line talks to a person: only warnings and errors of the SDK reach it.
      System.setProperty("logback.configurationFile", "logback-cli.xml");
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
      System.exit(
          new GenerateCommand(out, err, System.console() != null)
              .run(Arrays.copyOfRange(args, 1, args.length)));
    }
    ReelsmithApplication.main(args);
  }
}
