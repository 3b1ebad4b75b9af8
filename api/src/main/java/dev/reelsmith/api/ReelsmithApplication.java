package dev.reelsmith.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Reelsmith server: HTTP API, live progress and, by default, the pipeline's worker. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReelsmithApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReelsmithApplication.class, args);
  }
}
