package dev.custody.server.web;

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
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The OpenAPI document, with the bounds of the edge: springdoc reads the standard Bean Validation annotations of the
 * request records ({@code maxLength}, {@code maxItems}, {@code minimum}, {@code maximum}, {@code pattern}, enum
 * names); these customizers add what Custody's own constraints mean ({@link Line} and {@link FreeText} as a
 * {@code pattern}, {@link Plausible} as a description), the bounds {@code Params} holds query and path parameters to,
 * and the 400, 413 and 415 answers of every operation that takes a body.
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

    /** Every operation that takes a body may be refused for its content, its size or its media type. */
    @Bean
    OperationCustomizer bodyRefusals(InputLimits limits) {
        return (operation, handler) -> {
            if (operation.getRequestBody() == null) {
                return operation;
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            responses.putIfAbsent("400", problem("A field is missing or invalid; every bad field is named"));
            responses.putIfAbsent("413", problem("The body is over " + limits.maxBody().toBytes()
                    + " bytes, or what it would store is over " + limits.maxEventBytes().toBytes() + " bytes"));
            responses.putIfAbsent("415", problem("The body's Content-Type is missing, a wildcard or not JSON"));
            operation.setResponses(responses);
            return operation;
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
