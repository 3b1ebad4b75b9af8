package dev.reelsmith.activities.render;

import dev.reelsmith.workflows.messages.Caption;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A scene's caption, typeset once with the bundled font and kept as premultiplied Y'CbCr plus alpha
 * for its bounding box only, so that each frame blends a few hundred thousand bytes instead of
 * drawing text.
 *
 * <p>Layout: inside safe margins ({@value #SAFE_MARGIN} of each side), wrapped at word boundaries
 * to at most {@value #MAX_LINES} lines (the type shrinks, down to {@value #MIN_SHRINK} of the asked
 * size, before the last line is cut with an ellipsis), on a translucent panel with an accent bar.
 * The text is drawn as plain characters; nothing in it is interpreted.
 */
final class CaptionOverlay {

  static final double SAFE_MARGIN = 0.06;
  static final int MAX_LINES = 3;
  static final double MIN_SHRINK = 0.7;

  private static final String FONT_RESOURCE = "/fonts/Inter-Bold.ttf";
  private static final float PANEL_OPACITY = 0.72f;
  private static final double FADE_SECONDS = 0.5;
  private static final double SUBTITLE_FADE_SECONDS = 0.2;

  private final int left;
  private final int top;
  private final int width;
  private final int height;
  private final double appearSeconds;
  private final int lineCount;
  // Per luma pixel: alpha scaled to 0..256 and the premultiplied luma.
  private final short[] lumaAlpha;
  private final short[] lumaPremultiplied;
  // Per chroma pixel (2x2 average).
  private final short[] chromaAlpha;
  private final short[] cbPremultiplied;
  private final short[] crPremultiplied;

  private CaptionOverlay(
      int left, int top, BufferedImage box, double appearSeconds, int lineCount) {
    this.left = left;
    this.lineCount = lineCount;
    this.top = top;
    this.width = box.getWidth();
    this.height = box.getHeight();
    this.appearSeconds = appearSeconds;
    int[] argb = ((DataBufferInt) box.getRaster().getDataBuffer()).getData();
    lumaAlpha = new short[width * height];
    lumaPremultiplied = new short[width * height];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      int a = p >>> 24;
      if (a == 0) {
        continue;
      }
      // Java2D keeps TYPE_INT_ARGB_PRE premultiplied by a/255: un-premultiply for the matrix.
      int r = Math.min(255, ((p >> 16) & 255) * 255 / a);
      int g = Math.min(255, ((p >> 8) & 255) * 255 / a);
      int b = Math.min(255, (p & 255) * 255 / a);
      lumaAlpha[i] = (short) alpha256(a);
      lumaPremultiplied[i] = (short) ((Colors.luma(r, g, b) * a + 127) / 255);
    }
    int cw = width / 2;
    int ch = height / 2;
    chromaAlpha = new short[cw * ch];
    cbPremultiplied = new short[cw * ch];
    crPremultiplied = new short[cw * ch];
    for (int y = 0; y < ch; y++) {
      for (int x = 0; x < cw; x++) {
        int i = 2 * y * width + 2 * x;
        int a = 0;
        int cb = 0;
        int cr = 0;
        for (int k = 0; k < 4; k++) {
          int p = argb[i + (k & 1) + (k >> 1) * width];
          int pa = p >>> 24;
          if (pa == 0) {
            continue;
          }
          int r = Math.min(255, ((p >> 16) & 255) * 255 / pa);
          int g = Math.min(255, ((p >> 8) & 255) * 255 / pa);
          int b = Math.min(255, (p & 255) * 255 / pa);
          a += pa;
          cb += Colors.cb(r, g, b) * pa;
          cr += Colors.cr(r, g, b) * pa;
        }
        int j = y * cw + x;
        chromaAlpha[j] = (short) alpha256((a + 2) / 4);
        cbPremultiplied[j] = (short) ((cb + 510) / 1020);
        crPremultiplied[j] = (short) ((cr + 510) / 1020);
      }
    }
  }

  private static int alpha256(int alpha255) {
    return (alpha255 * 256 + 127) / 255;
  }

  /**
   * Typesets the caption for a frame of {@code frameWidth}x{@code frameHeight}; null when there is
   * nothing to show.
   */
  static CaptionOverlay typeset(Caption caption, int frameWidth, int frameHeight) {
    if (caption == null || caption.text() == null || caption.text().isBlank()) {
      return null;
    }
    Color textColor = Colors.parse(caption.textColor(), "caption text_color");
    Color panelColor = Colors.parse(caption.panelColor(), "caption panel_color");
    Color accentColor = Colors.parse(caption.accentColor(), "caption accent_color");
    Caption.Placement placement =
        caption.placement() == null ? Caption.Placement.LOWER_THIRD : caption.placement();
    boolean centred = placement == Caption.Placement.CENTER;

    int shortSide = Math.min(frameWidth, frameHeight);
    int marginX = (int) Math.round(frameWidth * SAFE_MARGIN);
    int marginY = (int) Math.round(frameHeight * SAFE_MARGIN);
    float askedSize = (float) (Math.max(0.02, Math.min(0.2, caption.sizeRatio())) * shortSide);

    FontRenderContext frc = new FontRenderContext(null, true, true);
    String text = caption.text().strip().replaceAll("\\s+", " ");
    Font font = null;
    List<String> lines = List.of();
    float padX = 0;
    float bar = 0;
    for (float size = askedSize; ; size *= 0.92f) {
      font = baseFont().deriveFont(size);
      padX = size * 0.7f;
      bar = Math.max(3f, size * 0.14f);
      float maxWidth = frameWidth - 2f * marginX - 2f * padX - (centred ? 0 : bar);
      lines = wrap(text, font, frc, maxWidth);
      if (lines.size() <= MAX_LINES || size * 0.92f < askedSize * MIN_SHRINK) {
        if (lines.size() > MAX_LINES) {
          lines = ellipsize(lines, font, frc, maxWidth);
        }
        break;
      }
    }
    float size = font.getSize2D();
    LineMetrics metrics = font.getLineMetrics("Hg", frc);
    float lineHeight = size * 1.22f;
    float padY = size * 0.5f;
    float textWidth = 0;
    for (String line : lines) {
      textWidth = Math.max(textWidth, (float) font.getStringBounds(line, frc).getWidth());
    }
    float panelW = textWidth + 2 * padX + (centred ? 0 : bar);
    float panelH = lines.size() * lineHeight + 2 * padY + (centred ? bar * 1.5f : 0);

    // Even box position and size so that the 2x2 chroma blocks line up with the frame's.
    int boxW = even((int) Math.ceil(panelW) + 2);
    int boxH = even((int) Math.ceil(panelH) + 2);
    int boxX =
        centred
            ? even((frameWidth - boxW) / 2)
            : even(Math.max(0, Math.min(marginX, frameWidth - boxW)));
    int boxY =
        switch (placement) {
          case TOP -> even(marginY);
          case CENTER -> even((frameHeight - boxH) / 2);
          case LOWER_THIRD -> even(frameHeight - marginY - boxH);
        };
    boxX = Math.max(0, Math.min(boxX, frameWidth - boxW));
    boxY = Math.max(0, Math.min(boxY, frameHeight - boxH));

    BufferedImage box = new BufferedImage(boxW, boxH, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = box.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    float x0 = 1;
    float y0 = 1;
    float radius = size * 0.3f;
    RoundRectangle2D panel = new RoundRectangle2D.Float(x0, y0, panelW, panelH, radius, radius);
    g.setColor(withAlpha(panelColor, PANEL_OPACITY));
    g.fill(panel);
    g.setColor(accentColor);
    float textTop = y0 + padY;
    if (centred) {
      // A short rule above centred text.
      float barW = Math.min(panelW - 2 * padX, size * 2.4f);
      g.fill(
          new RoundRectangle2D.Float(
              x0 + (panelW - barW) / 2, y0 + padY * 0.7f, barW, bar, bar, bar));
      textTop += bar * 1.5f;
    } else {
      // The panel's left edge, in the accent colour, following its rounded corners.
      Area edge = new Area(panel);
      edge.intersect(new Area(new Rectangle2D.Float(x0, y0, bar, panelH)));
      g.fill(edge);
    }
    g.setFont(font);
    g.setColor(textColor);
    float baselineOffset = (lineHeight - (metrics.getAscent() + metrics.getDescent())) / 2;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      float lineWidth = (float) font.getStringBounds(line, frc).getWidth();
      float x = centred ? x0 + (panelW - lineWidth) / 2 : x0 + bar + padX;
      float baseline = textTop + i * lineHeight + baselineOffset + metrics.getAscent();
      g.drawString(line, x, baseline);
    }
    g.dispose();
    return new CaptionOverlay(boxX, boxY, box, Math.max(0, caption.appearSeconds()), lines.size());
  }

  /** How opaque the caption is at a time in the scene: eased in, complete at appear time. */
  double opacityAt(double seconds) {
    double fade = Math.min(FADE_SECONDS, appearSeconds);
    if (fade <= 0 || seconds >= appearSeconds) {
      return seconds >= appearSeconds ? 1 : 0;
    }
    double t = (seconds - (appearSeconds - fade)) / fade;
    t = Math.max(0, Math.min(1, t));
    return t * t * (3 - 2 * t);
  }

  /** Opacity of a subtitle shown from the start until {@code end}, then faded out quickly. */
  static double until(double seconds, double end) {
    return seconds <= end ? 1 : Math.max(0, 1 - (seconds - end) / SUBTITLE_FADE_SECONDS);
  }

  /** Blends the caption into a frame at the given opacity (0..1). */
  void blend(Yuv420Image frame, double opacity) {
    int fade = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 256);
    if (fade == 0) {
      return;
    }
    blendPlane(frame.y, frame.width, left, top, width, height, lumaAlpha, lumaPremultiplied, fade);
    int cw = width / 2;
    int ch = height / 2;
    blendPlane(
        frame.u, frame.chromaWidth, left / 2, top / 2, cw, ch, chromaAlpha, cbPremultiplied, fade);
    blendPlane(
        frame.v, frame.chromaWidth, left / 2, top / 2, cw, ch, chromaAlpha, crPremultiplied, fade);
  }

  private static void blendPlane(
      byte[] plane,
      int stride,
      int x0,
      int y0,
      int w,
      int h,
      short[] alpha,
      short[] premultiplied,
      int fade) {
    for (int y = 0; y < h; y++) {
      int src = y * w;
      int dst = (y0 + y) * stride + x0;
      for (int x = 0; x < w; x++) {
        int a = alpha[src + x];
        if (a == 0) {
          continue;
        }
        int af = (a * fade) >> 8;
        int pf = (premultiplied[src + x] * fade + 128) >> 8;
        int under = plane[dst + x] & 255;
        plane[dst + x] = (byte) (pf + ((under * (256 - af) + 128) >> 8));
      }
    }
  }

  /** How many lines the text was set in. */
  int lineCount() {
    return lineCount;
  }

  /** The caption's box in the frame, for tests and diagnostics: {x, y, width, height}. */
  int[] bounds() {
    return new int[] {left, top, width, height};
  }

  private static List<String> wrap(String text, Font font, FontRenderContext frc, float maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (width(candidate, font, frc) <= maxWidth) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      // A word wider than a whole line is broken between characters.
      String rest = word;
      while (width(rest, font, frc) > maxWidth && rest.length() > 1) {
        int cut = rest.length() - 1;
        while (cut > 1 && width(rest.substring(0, cut), font, frc) > maxWidth) {
          cut--;
        }
        lines.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      }
      line.append(rest);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static List<String> ellipsize(
      List<String> lines, Font font, FontRenderContext frc, float maxWidth) {
    List<String> kept = new ArrayList<>(lines.subList(0, MAX_LINES));
    String last = kept.get(MAX_LINES - 1);
    while (!last.isEmpty() && width(last + "\u2026", font, frc) > maxWidth) {
      last = last.substring(0, last.length() - 1).stripTrailing();
    }
    kept.set(MAX_LINES - 1, last + "\u2026");
    return kept;
  }

  private static double width(String text, Font font, FontRenderContext frc) {
    return font.getStringBounds(text, frc).getWidth();
  }

  private static Color withAlpha(Color color, float alpha) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), Math.round(alpha * 255));
  }

  private static int even(int value) {
    return value & ~1;
  }

  private static Font baseFont() {
    return BundledFont.FONT;
  }

  /** Loaded once, on first use. */
  private static final class BundledFont {
    static final Font FONT = load();

    private static Font load() {
      try (InputStream in = CaptionOverlay.class.getResourceAsStream(FONT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the bundled font " + FONT_RESOURCE + " is missing");
        }
        return Font.createFont(Font.TRUETYPE_FONT, in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (FontFormatException e) {
        throw new IllegalStateException("the bundled font " + FONT_RESOURCE + " is damaged", e);
      }
    }
  }
}
