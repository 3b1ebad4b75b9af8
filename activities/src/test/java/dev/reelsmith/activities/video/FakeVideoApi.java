package dev.reelsmith.activities.video;

import dev.reelsmith.activities.render.SceneRenderer;

/** A video API's documented protocol, served locally, with the renderer that talks to it. */
interface FakeVideoApi extends AutoCloseable {

  FakeServer server();

  /** A renderer configured for this server, with a key the server checks. */
  SceneRenderer renderer();

  /** The key the renderer was given: it must never appear in heartbeats, files or messages. */
  String key();

  /** The next job submitted will be refused by the provider's content moderation. */
  void refuseNextJob();

  /** The provider's own words for that refusal. */
  String refusal();

  /** Submissions the provider accepted, and so billed. */
  int paidSubmissions();

  @Override
  void close();
}
