package dev.reelsmith.api.docs;

import dev.reelsmith.api.problems.Problem;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
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
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

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
   * Every error answer is a problem (RFC 9457), so a controller only names an error's status and
   * what it means, {@code @ApiResponse(responseCode = "404", description = "No such generation",
   * content = @Content)}, and this gives it the problem's content. The empty {@code @Content} keeps
   * springdoc from describing the error with the method's return type. Runs first, so the problem's
   * schema is shaped like the others.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      ModelConverters.getInstance(true)
          .readAll(new AnnotatedType(Problem.class))
          .forEach(openApi.getComponents()::addSchemas);
      Content problem =
          new Content()
              .addMediaType(
                  org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                  new MediaType()
                      .schema(
                          new JsonSchema().$ref(Components.COMPONENTS_SCHEMAS_REF + "Problem")));
      openApi.getPaths().values().stream()
          .flatMap(path -> path.readOperations().stream())
          .flatMap(operation -> operation.getResponses().entrySet().stream())
          .filter(response -> response.getKey().matches("[45]\\d\\d"))
          .filter(response -> isEmpty(response.getValue().getContent()))
          .forEach(response -> response.getValue().setContent(problem));
    };
  }

  private static boolean isEmpty(Content content) {
    return content == null || content.isEmpty();
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
