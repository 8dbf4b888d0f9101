package dev.custody.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.device.DeviceCommands;
import dev.custody.edge.Bounds;
import dev.custody.edge.FreeText;
import dev.custody.edge.InputLimits;
import dev.custody.edge.Line;
import dev.custody.edge.Plausible;
import dev.custody.edge.Text;
import dev.custody.edge.TimeWindow;
import dev.custody.edge.TimeWindow.Horizon;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The OpenAPI document, with the bounds of the edge: springdoc reads the standard Bean Validation annotations of the
 * request records ({@code maxLength}, {@code maxItems}, {@code minimum}, {@code maximum}, {@code pattern}, enum
 * names); these customizers add what Custody's own constraints mean ({@link Line} and {@link FreeText} as a
 * {@code pattern}, {@link Plausible} as a description), the bounds {@code Params} holds query and path parameters to,
 * every operation's problem+json answers ({@link #problemResponses}) and a request example for every body
 * ({@link #requestExamples}). Summaries and success statuses are the endpoints' own ({@code @Operation},
 * {@code @ResponseStatus} where it is not 200); {@code OpenApiContractIT} fails where one is missing.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI custodyOpenApi(InputLimits limits) {
        return new OpenAPI()
                .info(new Info().title("Custody API").version("v1")
                        .description("Event-sourced custody of seized digital devices. Every endpoint needs "
                                + "authentication; errors are RFC 9457 problem+json with a stable 'rule' code. "
                                + "A request body is at most " + limits.maxBody().toBytes() + " bytes and must say "
                                + "its media type; text is read as Unicode NFC."))
                .components(new Components()
                        .addSchemas(PROBLEM, problemSchema())
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("dev mode only")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    /** The body of every refusal ({@code dev.custody.edge.Problem}). */
    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details: the rule broken and every bad field")
                .required(java.util.List.of("type", "title", "status", "rule"))
                .addProperty("type", new StringSchema().example("urn:custody:problem:invalid-request"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("rule", new StringSchema().example("invalid-request"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema().example("legal.justification.lineOfEnquiry"))
                        .addProperty("message", new StringSchema())));
    }

    /** Custody's text and time constraints on the fields of a request body. */
    @Bean
    PropertyCustomizer edgeConstraints(TimeWindow window) {
        return (property, type) -> {
            if (property == null || type == null || type.getCtxAnnotations() == null) {
                return property;
            }
            for (Annotation annotation : type.getCtxAnnotations()) {
                describe(property, annotation, window);
            }
            return property;
        };
    }

    @SuppressWarnings("rawtypes")
    private static void describe(Schema property, Annotation annotation, TimeWindow window) {
        if (annotation instanceof Line && property.getPattern() == null) {
            property.setPattern(Text.LINE_PATTERN);
        } else if (annotation instanceof FreeText && property.getPattern() == null) {
            property.setPattern(Text.FREE_TEXT_PATTERN);
        } else if (annotation instanceof Plausible plausible) {
            property.setDescription("date".equals(property.getFormat()) ? window.describeDate(plausible.value())
                    : window.describeInstant(plausible.value()));
        }
    }

    /** The bounds {@code Params} checks on query and path parameters. */
    @Bean
    ParameterCustomizer parameterBounds(TimeWindow window) {
        return (parameter, method) -> {
            if (parameter == null || parameter.getSchema() == null
                    || !("query".equals(parameter.getIn()) || "path".equals(parameter.getIn()))) {
                return parameter;
            }
            Schema<?> schema = parameter.getSchema();
            Class<?> type = method.getParameterType();
            switch (parameter.getName()) {
                case "page" -> schema.minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Bounds.LAST_PAGE));
                case "size", "limit" -> schema.minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(Bounds.PAGE_SIZE));
                default -> {
                    if (type == String.class && schema.getEnum() == null) {
                        schema.maxLength(Bounds.REFERENCE).pattern(Text.LINE_PATTERN);
                    } else if (type == Instant.class) {
                        parameter.description(window.describeInstant(Horizon.FUTURE));
                    } else if (type == LocalDate.class) {
                        parameter.description(window.describeDate(Horizon.FUTURE));
                    }
                }
            }
            return parameter;
        };
    }

    /**
     * The problem+json answers of every operation, from what its handler takes, so a new endpoint is documented
     * without annotations: 401 and 503 everywhere; 403 where a role is required; 400 where it reads a parameter or
     * a body; 404 where its path names a record; 409 for every {@code POST} (the record's state does not allow it);
     * 413, 415 and 422 where it takes a body. An endpoint's own refusals beyond these are declared on it with
     * {@code @ApiResponse(responseCode = ...)}; any error answer without content gets the {@code Problem} body here.
     * Answers are listed in order of status.
     */
    @Bean
    OperationCustomizer problemResponses(InputLimits limits) {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean body = operation.getRequestBody() != null;
            boolean command = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.getParameterType() == DeviceCommands.Conditions.class);
            boolean pathNamesRecord = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
            boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
            boolean roles = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
            boolean post = handler.hasMethodAnnotation(PostMapping.class);
            if (body || parameters) {
                responses.putIfAbsent("400", problem("A parameter or field is missing or invalid (invalid-request, "
                        + "invalid-parameter, unreadable-request, invalid-header): every bad one is named in errors"));
            }
            responses.putIfAbsent("401", problem("No credentials, or bad ones (unauthenticated)"));
            if (roles) {
                responses.putIfAbsent("403", problem("The caller's role may not use this endpoint (forbidden), "
                        + "checked before anything else is read; or the caller has no force"));
            }
            if (pathNamesRecord) {
                responses.putIfAbsent("404", problem("No such record that the caller may see: another force's "
                        + "record answers exactly as an unknown one"));
            }
            if (post) {
                responses.putIfAbsent("409", problem(command
                        ? "The device's state does not allow this step, or If-Match names a version it has moved "
                        + "on from (concurrent-modification)"
                        : "The record's state does not allow it now; the rule says why"));
            }
            if (body) {
                responses.putIfAbsent("413", problem("The body is over " + limits.maxBody().toBytes()
                        + " bytes, or what it would store is over " + limits.maxEventBytes().toBytes() + " bytes"));
                responses.putIfAbsent("415", problem("The body's Content-Type is missing, a wildcard or not JSON"));
            }
            if (command) {
                responses.putIfAbsent("422", problem("The content breaks a custody rule (every field named), or the "
                        + "Idempotency-Key was used before with a different request (idempotency-key-reused)"));
            }
            responses.putIfAbsent("503", problem("The database is unavailable (database-unavailable, with "
                    + "Retry-After); nothing was stored"));
            // Every refusal is a Problem, whatever springdoc guessed from the handler's return type.
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(problemContent());
                }
            });
            ApiResponses sorted = new ApiResponses();
            new TreeMap<>(responses).forEach(sorted::addApiResponse);
            operation.setResponses(sorted);
            return operation;
        };
    }

    /**
     * A union whose members are told apart by a field beside it, not inside it (the history's {@code payload}, whose
     * {@code type} is on the entry), is {@code anyOf}: as {@code oneOf}, a payload valid against two members (an
     * event with no fields of its own matches every member) would be refused by a strict client.
     */
    @Bean
    OpenApiCustomizer unionsTaggedBeside() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
                if (schema.getProperties() == null) {
                    continue;
                }
                for (Schema<?> property : schema.getProperties().values()) {
                    if (property.getOneOf() != null && property.getDiscriminator() == null) {
                        property.setAnyOf(property.getOneOf());
                        property.setOneOf(null);
                    }
                }
            }
        };
    }

    /**
     * A request example for every operation that takes a body: {@code openapi/examples/<Schema>.json}, named after
     * the body's schema. {@code OpenApiContractIT} fails for a body without one and checks each against its schema.
     */
    @Bean
    OperationCustomizer requestExamples(ObjectMapper json) {
        return (operation, handler) -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return operation;
            }
            operation.getRequestBody().getContent().forEach((type, media) -> {
                String ref = media.getSchema() == null ? null : media.getSchema().get$ref();
                if (ref == null || media.getExample() != null) {
                    return;
                }
                ClassPathResource example = new ClassPathResource(
                        "openapi/examples/" + ref.substring(ref.lastIndexOf('/') + 1) + ".json");
                if (example.exists()) {
                    try (var in = example.getInputStream()) {
                        media.setExample(json.readTree(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + example.getPath(), e);
                    }
                }
            });
            return operation;
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }
}
