package dev.reelsmith.api;

import dev.reelsmith.api.cli.GenerateCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Entry point of the Reelsmith jar: {@code generate} makes one ad from the command line. */
public final class Reelsmith {

  private Reelsmith() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    if (args.length > 0 && args[0].equals("generate")) {
      System.exit(
          new GenerateCommand(out, err, System.console() != null)
              .run(Arrays.copyOfRange(args, 1, args.length)));
    }
    err.println(GenerateCommand.USAGE);
    System.exit(GenerateCommand.EXIT_BAD_INPUT);
  }
}
