package dev.custody.device;

import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.edge.Bounds;
import dev.custody.edge.IdempotencyKey;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.List;

/**
 * The HTTP form of {@link Conditions}: a command endpoint that takes a {@code Conditions} parameter reads it from the
 * {@code Idempotency-Key} and {@code If-Match} headers, and its OpenAPI operation documents both headers.
 */
@Configuration(proxyBeanMethods = false)
class CommandConditions implements WebMvcConfigurer {

    static final String IDEMPOTENCY_KEY = IdempotencyKey.HEADER;

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Conditions.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Resolver());
    }

    static final class Resolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return Conditions.class.equals(parameter.getParameterType());
        }

        @Override
        public Conditions resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest request, WebDataBinderFactory binderFactory) {
            return new Conditions(request.getHeader(IDEMPOTENCY_KEY), ETags.parse(request.getHeader(HttpHeaders.IF_MATCH)));
        }
    }

    @Bean
    OperationCustomizer conditionHeaders() {
        return (Operation operation, HandlerMethod handler) -> {
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == Conditions.class)) {
                operation.addParametersItem(new HeaderParameter().name(IDEMPOTENCY_KEY).required(false)
                        .description("A retry with the same key and request gets the first answer and stores "
                                + "nothing. 1 to " + Bounds.IDEMPOTENCY_KEY + " printable ASCII characters, else 400.")
                        .schema(new StringSchema().minLength(1).maxLength(Bounds.IDEMPOTENCY_KEY)
                                .pattern(IdempotencyKey.PATTERN)));
                operation.addParametersItem(new HeaderParameter().name(HttpHeaders.IF_MATCH).required(false)
                        .description("Refuse with 409 unless the record is still at this version (an ETag)")
                        .schema(new StringSchema()));
            }
            return operation;
        };
    }
}
