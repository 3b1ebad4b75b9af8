package dev.reelsmith.api.generations;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a request body may go without a byte before the server gives up on it ({@code
 * reelsmith.upload-read-timeout}, 30 s). An upload that stalls, from a client gone quiet or one
 * sending a byte a minute on purpose, would otherwise hold its connection and its half-received
 * images for ever; a real upload, however slow its link, never pauses this long. {@link Uploads}
 * answers such an upload with 408.
 */
@Configuration(proxyBeanMethods = false)
class StalledUploads {

  @Bean
  NettyServerCustomizer readTimeout(
      @Value("${reelsmith.upload-read-timeout:30s}") Duration readTimeout) {
    return server -> server.readTimeout(readTimeout);
  }
}
