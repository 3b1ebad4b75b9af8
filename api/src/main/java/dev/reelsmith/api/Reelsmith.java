package dev.reelsmith.api;

/** Entry point of the Reelsmith jar. */
public final class Reelsmith {

  private Reelsmith() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
