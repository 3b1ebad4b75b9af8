package dev.reelsmith.activities.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reelsmith.activities.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

  @TempDir Path dir;

  @Test
  void inspectsFormatAndSizeOfJpegPngAndWebp() throws Exception {
    assertThat(ImageDecoder.inspect(TestImages.jpegPhoto(dir)))
        .isEqualTo(new ImageInfo(ImageFormat.JPEG, 640, 400, 1));
    assertThat(ImageDecoder.inspect(TestImages.cutOutPng(dir)))
        .isEqualTo(new ImageInfo(ImageFormat.PNG, 400, 300, 1));
    assertThat(ImageDecoder.inspect(TestImages.webpPhoto(dir)))
        .isEqualTo(new ImageInfo(ImageFormat.WEBP, 320, 200, 1));
  }

  @Test
  void recognisesTheFormatByContentNotByName() throws Exception {
    Path pngNamedJpg =
        TestImages.writePng(dir.resolve("really-a-png.jpg"), TestImages.photo(120, 80));

    assertThat(ImageDecoder.inspect(pngNamedJpg).format()).isEqualTo(ImageFormat.PNG);
    assertThat(ImageDecoder.decodeUpright(pngNamedJpg).getWidth()).isEqualTo(120);
  }

  @Test
  void reportsUprightSizeOfAnExifRotatedJpeg() throws Exception {
    ImageInfo info = ImageDecoder.inspect(TestImages.exifRotatedJpeg(dir));

    assertThat(info.orientation()).isEqualTo(6);
    assertThat(info.width()).isEqualTo(200);
    assertThat(info.height()).isEqualTo(300);
  }

  @Test
  void turnsAnExifRotatedJpegUpright() throws Exception {
    BufferedImage upright = ImageDecoder.decodeUpright(TestImages.exifRotatedJpeg(dir));

    assertThat(upright.getWidth()).isEqualTo(200);
    assertThat(upright.getHeight()).isEqualTo(300);
    // The red block stored top-left shows top-right once the photo is turned a quarter clockwise.
    assertThat(isRed(upright.getRGB(190, 10))).isTrue();
    assertThat(isRed(upright.getRGB(10, 10))).isFalse();
    assertThat(isRed(upright.getRGB(190, 290))).isFalse();
  }

  @Test
  void appliesEveryExifOrientation() throws Exception {
    BufferedImage stored = TestImages.withRedCorner(300, 200);
    // Where the stored top-left corner ends up, as (right?, bottom?), for orientations 1..8.
    boolean[][] corner = {
      {false, false}, {true, false}, {true, true}, {false, true},
      {false, false}, {true, false}, {true, true}, {false, true}
    };
    for (int orientation = 1; orientation <= 8; orientation++) {
      Path file =
          TestImages.writeExifJpeg(dir.resolve("o" + orientation + ".jpg"), stored, orientation);

      BufferedImage upright = ImageDecoder.decodeUpright(file);

      boolean swapped = orientation >= 5;
      assertThat(upright.getWidth()).isEqualTo(swapped ? 200 : 300);
      int x = corner[orientation - 1][0] ? upright.getWidth() - 8 : 8;
      int y = corner[orientation - 1][1] ? upright.getHeight() - 8 : 8;
      assertThat(isRed(upright.getRGB(x, y))).as("orientation %d", orientation).isTrue();
    }
  }

  @Test
  void keepsTheAlphaOfAPng() throws Exception {
    BufferedImage image = ImageDecoder.decodeUpright(TestImages.cutOutPng(dir));

    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
    assertThat(image.getRGB(5, 5) >>> 24).isZero();
    assertThat(image.getRGB(272, 150) >>> 24).isEqualTo(255);
  }

  @Test
  void decodesGreyscaleWithoutShiftingItsTones() throws Exception {
    BufferedImage grey = TestImages.greyscale(320, 240);
    int stored = grey.getRaster().getSample(40, 40, 0);

    BufferedImage image = ImageDecoder.decodeUpright(TestImages.greyscalePng(dir));

    int rgb = image.getRGB(40, 40);
    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat((rgb >> 16) & 0xFF).isEqualTo(stored);
    assertThat((rgb >> 8) & 0xFF).isEqualTo(stored);
    assertThat(rgb & 0xFF).isEqualTo(stored);
  }

  @Test
  void decodesSixteenBitPngToTheSameColoursAsEightBit() throws Exception {
    BufferedImage expected = TestImages.photo(320, 200);

    BufferedImage image = ImageDecoder.decodeUpright(TestImages.sixteenBitPng(dir));

    assertThat(image.getRGB(100, 50) & 0xFFFFFF).isEqualTo(expected.getRGB(100, 50) & 0xFFFFFF);
    assertThat(image.getRGB(220, 120) & 0xFFFFFF).isEqualTo(expected.getRGB(220, 120) & 0xFFFFFF);
  }

  @Test
  void decodesLossyAndLosslessWebp() throws Exception {
    BufferedImage photo = ImageDecoder.decodeUpright(TestImages.webpPhoto(dir));
    BufferedImage cutOut = ImageDecoder.decodeUpright(TestImages.webpCutOut(dir));

    assertThat(photo.getWidth()).isEqualTo(320);
    assertThat(photo.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(cutOut.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
    assertThat(cutOut.getRGB(3, 3) >>> 24).isZero();
  }

  @Test
  void convertsCmykJpegToRgb() throws Exception {
    BufferedImage image = ImageDecoder.decodeUpright(TestImages.cmykJpeg(dir));

    int cyan = image.getRGB(20, 50);
    int red = image.getRGB(140, 50);
    assertThat((cyan >> 16) & 0xFF).isLessThan(80);
    assertThat(cyan & 0xFF).isGreaterThan(180);
    assertThat((red >> 16) & 0xFF).isGreaterThan(180);
    assertThat(red & 0xFF).isLessThan(80);
  }

  @Test
  void scalesDownToTheRequestedLongSide() throws Exception {
    BufferedImage image =
        ImageDecoder.decodeUpright(TestImages.panoramaJpeg(dir), "panorama.jpg", 1200);

    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(160);
  }

  @Test
  void rejectsATruncatedJpegBeforeDecodingIt() {
    Path file = TestImages.truncatedJpeg(dir);

    assertThatThrownBy(() -> ImageDecoder.inspect(file))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"truncated.jpg\"")
        .hasMessageContaining("truncated")
        .hasMessageContaining("upload the complete file again");
  }

  @Test
  void rejectsATruncatedPng() {
    Path file = TestImages.truncatedPng(dir);

    assertThatThrownBy(() -> ImageDecoder.decodeUpright(file))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"truncated.png\" is truncated");
  }

  @Test
  void rejectsATextFileNamedLikeAJpeg() {
    Path file = TestImages.textNamedJpg(dir);

    assertThatThrownBy(() -> ImageDecoder.inspect(file))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"notes.jpg\" is a text file, not an image")
        .hasMessageContaining("JPEG, PNG or WebP");
  }

  @Test
  void rejectsAnEmptyFile() {
    Path file = TestImages.emptyJpg(dir);

    assertThatThrownBy(() -> ImageDecoder.inspect(file))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage("\"empty.jpg\" is empty (0 bytes); upload the photo again");
  }

  @Test
  void rejectsAnSvgDrawing() {
    Path file = TestImages.svg(dir);

    assertThatThrownBy(() -> ImageDecoder.decodeUpright(file))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"logo.svg\" is an SVG vector drawing")
        .hasMessageContaining("export it as PNG");
  }

  @Test
  void rejectsHugeDimensionsFromTheHeaderAloneBeforeDecodingPixels() {
    Path bomb = TestImages.pngClaiming(dir, 20_000, 20_000);

    assertThatThrownBy(() -> ImageDecoder.inspect(bomb))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"bomb.png\" is 20000 × 20000 pixels (400.0 megapixels)")
        .hasMessageContaining("limit of 40 megapixels");
    // Decoding 400 megapixels would need 1.6 GB; the same check stops decodeUpright first.
    assertThatThrownBy(() -> ImageDecoder.decodeUpright(bomb))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("megapixels");
  }

  @Test
  void rejectsHugeDimensionsInTheHeaderOfASmallJpegOrWebp() {
    Path jpeg = TestImages.jpegClaiming(dir, 65_000, 65_000);
    Path webp = TestImages.webpClaiming(dir, 20_000, 20_000);

    assertThatThrownBy(() -> ImageDecoder.decodeUpright(jpeg))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"bomb.jpg\" is 65000 × 65000 pixels");
    assertThatThrownBy(() -> ImageDecoder.decodeUpright(webp))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"bomb.webp\" is 20000 × 20000 pixels");
  }

  @Test
  void rejectsAJpegWhoseImageDataIsNoise() {
    Path file = TestImages.corruptJpeg(dir);

    assertThatThrownBy(() -> ImageDecoder.decodeUpright(file, "corrupt.jpg", 256))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage(
            "\"corrupt.jpg\" is damaged: its image data is corrupt (bad Huffman code);"
                + " re-export it and upload it again");
  }

  @Test
  void rejectsAPngOrWebpWhoseImageDataIsNoise() {
    Path png = TestImages.corruptPng(dir);
    Path webp = TestImages.corruptWebp(dir);

    assertThatThrownBy(() -> ImageDecoder.decodeUpright(png, "corrupt.png", 256))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("\"corrupt.png\" is damaged and cannot be decoded");
    assertThatThrownBy(() -> ImageDecoder.decodeUpright(webp, "corrupt.webp", 256))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage(
            "\"corrupt.webp\" is damaged and cannot be decoded (its image data ends before the"
                + " picture does); re-export it and upload it again");
  }

  @Test
  void rejectsAnimationsNamingWhatToUploadInstead() {
    Path gif = TestImages.animatedGif(dir);
    Path webp = TestImages.animatedWebp(dir);

    assertThatThrownBy(() -> ImageDecoder.inspect(gif))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"animated.gif\" is a GIF");
    assertThatThrownBy(() -> ImageDecoder.inspect(webp))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"animated.webp\" is an animated WebP")
        .hasMessageContaining("save the frame you want as JPEG, PNG or a still WebP");
  }

  @Test
  void rejectsAWebPageAndAnArchiveNamedLikeImages() {
    Path html = TestImages.htmlNamedPng(dir);
    Path zip = TestImages.zipNamedWebp(dir);

    assertThatThrownBy(() -> ImageDecoder.inspect(html))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"page.png\" is a text file, not an image");
    assertThatThrownBy(() -> ImageDecoder.inspect(zip))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("\"archive.webp\" is not a JPEG, PNG or WebP image");
  }

  @Test
  void acceptsImagesUpToTheLimit() throws Exception {
    Path edge = TestImages.pngClaiming(dir, 8000, 5000);

    assertThat(ImageDecoder.inspect(edge).pixels()).isEqualTo(ImageDecoder.MAX_PIXELS);
  }

  @Test
  void namesTheFileAsTheCallerKnowsIt() {
    Path temporary = TestImages.textNamedJpg(dir);

    assertThatThrownBy(() -> ImageDecoder.inspect(temporary, "holiday.jpg"))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("\"holiday.jpg\" is a text file")
        .extracting(e -> ((InvalidImageException) e).fileName())
        .isEqualTo("holiday.jpg");
  }

  @Test
  void reportsAMissingFileAsAnIoProblemNotAsABadImage() {
    assertThatThrownBy(() -> ImageDecoder.inspect(dir.resolve("nowhere.jpg")))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static boolean isRed(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return r > 200 && g < 60 && b < 60;
  }
}
