package dev.reelsmith.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reelsmith.api.ReelsmithApplication;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A deployment scales workers apart from the API by giving each process one role. */
class RolesTest {

  @TempDir Path data;

  /**
   * Settings go in as command-line arguments: {@code properties()} would be defaults, which the
   * application's own {@code application.yml} overrides, and the data would land in {@code
   * api/data}.
   */
  private ConfigurableApplicationContext start(String role) {
    return new SpringApplicationBuilder(ReelsmithApplication.class)
        .run("--reelsmith.role=" + role, "--reelsmith.data-dir=" + data, "--server.port=0");
  }

  @Test
  void apiRoleServesHttpButRunsNoWorker() {
    try (ConfigurableApplicationContext app = start("api")) {
      assertThat(app).isInstanceOf(WebServerApplicationContext.class);
      assertThat(app.getBean(WorkerFactory.class).isStarted()).isFalse();
    }
  }

  @Test
  void workerRoleRunsTheWorkerWithoutAWebServer() {
    try (ConfigurableApplicationContext app = start("worker")) {
      assertThat(app).isNotInstanceOf(WebServerApplicationContext.class);
      assertThat(app.getBean(WorkerFactory.class).isStarted()).isTrue();
    }
  }

  @Test
  void defaultRoleDoesBoth() {
    try (ConfigurableApplicationContext app = start("all")) {
      assertThat(app).isInstanceOf(WebServerApplicationContext.class);
      assertThat(app.getBean(WorkerFactory.class).isStarted()).isTrue();
    }
  }
}
