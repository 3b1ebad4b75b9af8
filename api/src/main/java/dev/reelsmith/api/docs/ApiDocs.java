package dev.reelsmith.api.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /api/openapi.json}. The web UI generates its API types from it, so
 * it must say exactly what a response holds: every property is always present (Jackson writes
 * nulls), and the ones that can be null are those marked {@link Nullable}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

  @Bean
  OpenAPI reelsmithOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Reelsmith API")
                .version("1")
                .description(
                    "Start ad generations, follow their progress as Server-Sent Events, and fetch"
                        + " the results. Errors are application/problem+json (RFC 9457).")
                .license(new License().name("Apache-2.0")))
        // Relative, so the document is the same on every host and port.
        .servers(List.of(new Server().url("/")))
        // API clients send HTTP Basic; the web UI signs in at /login and sends its session cookie.
        .components(
            new Components()
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "session",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("SESSION")))
        .security(
            List.of(
                new SecurityRequirement().addList("basic"),
                new SecurityRequirement().addList("session")));
  }

  /** A {@link Nullable} property may be null: in OpenAPI 3.1, its type includes {@code "null"}. */
  @Bean
  PropertyCustomizer nullableProperties() {
    return (property, type) -> {
      boolean nullable =
          type.getCtxAnnotations() != null
              && Arrays.stream(type.getCtxAnnotations())
                  .anyMatch(annotation -> annotation instanceof Nullable);
      if (!nullable) {
        return property;
      }
      if (property.get$ref() != null) {
        return new JsonSchema()
            .oneOf(
                List.of(
                    new JsonSchema().$ref(property.get$ref()), new JsonSchema().typesItem("null")));
      }
      property.addType("null");
      return property;
    };
  }

  /**
   * Every property of a response schema is present, null or not, unless the schema says otherwise.
   * An object's own schema is never null: swagger-core marks it so when a {@link Nullable} property
   * first refers to it, but only that reference may be null.
   */
  @Bean
  OpenApiCustomizer objectShapes() {
    return openApi -> {
      var schemas = openApi.getComponents().getSchemas();
      if (schemas == null) {
        return;
      }
      for (Schema<?> schema : schemas.values()) {
        if (schema.getProperties() == null) {
          continue;
        }
        schema.setTypes(new LinkedHashSet<>(List.of("object")));
        if (schema.getRequired() == null) {
          schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        }
      }
    };
  }
}
