package dev.reelsmith.api.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import dev.reelsmith.api.problems.Problems;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the web UI (the {@code reelsmith-ui} jar's {@code static/} folder). The UI routes its own
 * pages, so each of their paths answers with the same {@code index.html}; it is revalidated on
 * every load so a new release shows at once, while the content-hashed {@code assets/} it names are
 * cached for good.
 */
@Configuration(proxyBeanMethods = false)
public class WebUi implements WebFluxConfigurer {

  private static final String ASSETS = "classpath:/static/assets/";

  @Bean
  RouterFunction<ServerResponse> webUiPages(@Value("classpath:/static/index.html") Resource index) {
    return RouterFunctions.route(
        GET("/")
            .or(GET("/generations"))
            .or(GET("/generations/{id}"))
            .or(GET("/sign-in"))
            .or(GET("/share/{token}")),
        request ->
            index.exists()
                ? ServerResponse.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .cacheControl(CacheControl.noCache())
                    .bodyValue(index)
                : Mono.error(
                    Problems.of(
                        HttpStatus.NOT_FOUND,
                        "Web UI not built",
                        "This server was built without the web UI; build it with `mvn package`.")));
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/assets/**")
        .addResourceLocations(ASSETS)
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
  }
}
