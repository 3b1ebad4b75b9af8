package dev.reelsmith.activities.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reelsmith.activities.testing.TestImages;
import dev.reelsmith.activities.testing.TestImages.Look;
import dev.reelsmith.workflows.messages.ImageAnalysis;
import dev.reelsmith.workflows.messages.ImageAnalysis.Orientation;
import dev.reelsmith.workflows.messages.Region;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAnalyzerTest {

  @TempDir Path dir;

  private final ImageAnalyzer analyzer = new ImageAnalyzer();

  private ImageAnalysis analyze(Path file) throws Exception {
    return analyzer.analyze(1, "references/ref_01.png", ImageDecoder.decodeUpright(file));
  }

  @Test
  void findsTheProductInAStudioPhoto() throws Exception {
    ImageAnalysis analysis = analyze(TestImages.jpegPhoto(dir));

    assertThat(analysis.width()).isEqualTo(640);
    assertThat(analysis.height()).isEqualTo(400);
    assertThat(analysis.orientation()).isEqualTo(Orientation.LANDSCAPE);
    assertThat(analysis.transparent()).isFalse();
    assertThat(overlap(analysis.salient(), TestImages.PRODUCT)).isGreaterThan(0.6);
    assertWithinImage(analysis.salient());
  }

  @Test
  void treatsACutOutAsTransparentAndFramesItsOpaquePart() throws Exception {
    ImageAnalysis analysis = analyze(TestImages.cutOutPng(dir));

    assertThat(analysis.transparent()).isTrue();
    Region salient = analysis.salient();
    Region product = TestImages.PRODUCT;
    assertThat(salient.x()).isCloseTo(product.x(), within(0.01));
    assertThat(salient.y()).isCloseTo(product.y(), within(0.01));
    assertThat(salient.width()).isCloseTo(product.width(), within(0.01));
    assertThat(salient.height()).isCloseTo(product.height(), within(0.01));
  }

  @Test
  void leavesTransparentPixelsOutOfThePalette() throws Exception {
    // Three quarters of the cut-out is transparent black; the palette must not see it.
    ImageAnalysis analysis = analyze(TestImages.cutOutPng(dir));

    int first = Colors.parse(analysis.palette().get(0));
    assertThat(Colors.red(first)).isGreaterThan(200);
    assertThat(Colors.blue(first)).isLessThan(100);
    assertThat(analysis.palette())
        .allSatisfy(hex -> assertThat(Colors.luma(Colors.parse(hex))).isGreaterThan(0.3));
    assertThat(analysis.brightness()).isGreaterThan(0.5);
  }

  @Test
  void analysesAGreyscaleImageAsNeutral() throws Exception {
    ImageAnalysis analysis = analyze(TestImages.greyscalePng(dir));

    assertThat(analysis.palette()).isNotEmpty();
    assertThat(analysis.palette())
        .allSatisfy(hex -> assertThat(Colors.chroma(Colors.parse(hex))).isLessThan(2));
    assertThat(analysis.brightness()).isBetween(0.3, 0.7);
    assertThat(analysis.contrast()).isGreaterThan(0.1);
    assertThat(analysis.transparent()).isFalse();
  }

  @Test
  void analysesAnExifRotatedPhotoUpright() throws Exception {
    ImageAnalysis analysis = analyze(TestImages.exifRotatedJpeg(dir));

    assertThat(analysis.width()).isEqualTo(200);
    assertThat(analysis.height()).isEqualTo(300);
    assertThat(analysis.orientation()).isEqualTo(Orientation.PORTRAIT);
    // Stored at x 0.58–0.78, y 0.22–0.78; turned a quarter clockwise the product lies across the
    // lower middle: x 0.22–0.78, y 0.58–0.78.
    assertThat(analysis.salient().centerX()).isCloseTo(0.5, within(0.1));
    assertThat(analysis.salient().centerY()).isCloseTo(0.68, within(0.1));
  }

  @Test
  void framesTheProductOfAVeryWidePanorama() throws Exception {
    ImageAnalysis analysis = analyze(TestImages.panoramaJpeg(dir));

    assertThat(analysis.width()).isEqualTo(6000);
    assertThat(analysis.height()).isEqualTo(800);
    assertThat(analysis.orientation()).isEqualTo(Orientation.LANDSCAPE);
    Region salient = analysis.salient();
    assertWithinImage(salient);
    assertThat(contains(salient, TestImages.PRODUCT.centerX(), TestImages.PRODUCT.centerY()))
        .isTrue();
    assertThat(salient.width()).isLessThan(0.4);
  }

  @Test
  void copesWithATinyImage() throws Exception {
    ImageAnalysis analysis = analyze(TestImages.tinyPng(dir));

    assertThat(analysis.width()).isEqualTo(8);
    assertThat(analysis.height()).isEqualTo(6);
    assertThat(analysis.palette()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
    assertThat(analysis.brightness()).isBetween(0.2, 0.8);
    assertWithinImage(analysis.salient());
  }

  @Test
  void findsAPaleProductOnAWhiteBackdrop() throws Exception {
    Path pale =
        TestImages.writeJpeg(dir.resolve("pale.jpg"), TestImages.photo(640, 400, Look.BRIGHT));

    ImageAnalysis analysis = analyze(pale);

    assertThat(overlap(analysis.salient(), TestImages.PRODUCT)).isGreaterThan(0.6);
  }

  @Test
  void tellsDarkFromBrightImages() throws Exception {
    Path darkFile =
        TestImages.writeJpeg(dir.resolve("dark.jpg"), TestImages.photo(320, 200, Look.DARK));
    Path brightFile =
        TestImages.writeJpeg(dir.resolve("bright.jpg"), TestImages.photo(320, 200, Look.BRIGHT));

    ImageAnalysis dark = analyze(darkFile);
    ImageAnalysis bright = analyze(brightFile);

    assertThat(dark.brightness()).isLessThan(0.2);
    assertThat(bright.brightness()).isGreaterThan(0.8);
    assertThat(bright.brightness() - dark.brightness()).isGreaterThan(0.6);
  }

  @Test
  void putsTheDominantColourOfARedImageFirst() throws Exception {
    Path red = TestImages.writeJpeg(dir.resolve("red.jpg"), TestImages.photo(640, 400, Look.RED));

    ImageAnalysis analysis = analyze(red);

    int first = Colors.parse(analysis.palette().get(0));
    assertThat(Colors.red(first)).isGreaterThan(Colors.green(first) + 100);
    assertThat(Colors.red(first)).isGreaterThan(Colors.blue(first) + 100);
    assertThat(analysis.palette()).hasSizeBetween(2, 5);
  }

  @Test
  void measuresNoContrastInAFlatImageAndCentresItsRegion() {
    BufferedImage flat = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = flat.createGraphics();
    g.setColor(new Color(0x336699));
    g.fillRect(0, 0, 200, 100);
    g.dispose();

    ImageAnalysis analysis = analyzer.analyze(1, "flat.png", flat);

    assertThat(analysis.contrast()).isZero();
    assertThat(analysis.palette()).containsExactly("#336699");
    assertThat(analysis.salient().centerX()).isCloseTo(0.5, within(1e-9));
    assertThat(analysis.salient().centerY()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void reportsTheOriginalSizeWhenAnalysingAScaledCopy() {
    ImageAnalysis analysis =
        analyzer.analyze(3, "references/ref_03.png", TestImages.photo(320, 200), 4000, 2500);

    assertThat(analysis.index()).isEqualTo(3);
    assertThat(analysis.normalized()).isEqualTo("references/ref_03.png");
    assertThat(analysis.width()).isEqualTo(4000);
    assertThat(analysis.height()).isEqualTo(2500);
  }

  @Test
  void givesTheSameAnalysisForTheSamePixels() {
    BufferedImage photo = TestImages.photo(480, 300);

    assertThat(analyzer.analyze(1, "a.png", photo))
        .isEqualTo(analyzer.analyze(1, "a.png", TestImages.photo(480, 300)));
  }

  private static void assertWithinImage(Region region) {
    assertThat(region.x()).isBetween(0.0, 1.0);
    assertThat(region.y()).isBetween(0.0, 1.0);
    assertThat(region.width()).isGreaterThan(0.0);
    assertThat(region.height()).isGreaterThan(0.0);
    assertThat(region.x() + region.width()).isLessThanOrEqualTo(1.0 + 1e-9);
    assertThat(region.y() + region.height()).isLessThanOrEqualTo(1.0 + 1e-9);
  }

  private static boolean contains(Region region, double x, double y) {
    return x >= region.x()
        && x <= region.x() + region.width()
        && y >= region.y()
        && y <= region.y() + region.height();
  }

  /** Intersection over union. */
  private static double overlap(Region a, Region b) {
    double w = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
    double h = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double intersection = w * h;
    return intersection / (a.width() * a.height() + b.width() * b.height() - intersection);
  }
}
