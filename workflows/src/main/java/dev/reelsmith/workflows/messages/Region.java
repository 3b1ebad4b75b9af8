package dev.reelsmith.workflows.messages;

/** A rectangle in normalised image coordinates (0..1 on both axes, origin top-left). */
public record Region(double x, double y, double width, double height) {

  public static final Region FULL = new Region(0, 0, 1, 1);

  public double centerX() {
    return x + width / 2;
  }

  public double centerY() {
    return y + height / 2;
  }
}
