/**
 * The video step (PRODUCT.md §2, §6, §7): scene videos and the final ad, with FFmpeg in-process
 * through bytedeco's libav* bindings (no {@code ffmpeg} program, no system FFmpeg).
 *
 * <h2>How a scene is rendered</h2>
 *
 * {@link dev.reelsmith.activities.render.LocalSceneRenderer} lays the reference image out once on a
 * canvas a little larger than the frame ({@code Canvas}), converts it once to Y'CbCr 4:2:0, and
 * typesets the caption once ({@code CaptionOverlay}). Each frame is then a bilinear, sub-pixel
 * resampling of the canvas planes under the camera window ({@code CameraPath}, {@code
 * PlaneSampler}), the caption box blended in at its fade level, and the planes handed to the H.264
 * encoder ({@code VideoEncoder}, configured only by {@link
 * dev.reelsmith.activities.render.VideoEncoding}). The encoder gets IDR frames where the stitcher
 * will cut ({@code Timeline}).
 *
 * <h2>How the ad is joined</h2>
 *
 * {@link dev.reelsmith.activities.render.Stitcher} copies the compressed packets of each scene's
 * body into the output and encodes only the transitions (decode tail and head, blend in Y'CbCr,
 * encode with the same settings), on two threads while a third makes the AAC music bed ({@code
 * MusicBed}, {@code AacTrack}). Scenes it cannot splice (another encoder's parameter sets, size or
 * rate) are decoded and re-encoded instead.
 *
 * <h2>Threads</h2>
 *
 * A render uses one thread, encoder included: the workflow renders two scenes at once, which keeps
 * two cores busy without the overhead of threading inside each encoder.
 */
package dev.reelsmith.activities.render;
