/**
 * Scene videos from image-to-video APIs (PRODUCT.md §7): {@link
 * dev.reelsmith.activities.video.FalVideoRenderer} (the fal.ai queue API) and {@link
 * dev.reelsmith.activities.video.RunwayVideoRenderer} (Runway's task API), both through {@link
 * dev.reelsmith.activities.video.RemoteVideoRenderer}.
 *
 * <h2>Paid once</h2>
 *
 * A job is submitted once per scene and its id is stored ({@code SceneRenderer.Jobs}: heartbeat
 * details and a file beside the scene) before the first poll, so a retry, or another worker after a
 * crash, polls the same job. A job is forgotten only when it can no longer give a video: it failed,
 * or its result's link expired; the next attempt then submits a new one.
 *
 * <h2>Failures</h2>
 *
 * Everything is a {@code ProviderException}: a 429 retries after the provider's Retry-After; an
 * outage retries with the activity's back-off; a safety or validation refusal does not retry and
 * carries the provider's own words to the user.
 */
package dev.reelsmith.activities.video;
