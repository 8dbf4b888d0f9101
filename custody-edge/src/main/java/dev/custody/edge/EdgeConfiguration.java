package dev.custody.edge;

import com.fasterxml.jackson.databind.Module;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bounds every request passes, switched on for the whole server: {@code custody.input.*} ({@link InputLimits}),
 * the JSON reading of bodies ({@link EdgeJson}) and the body filter ({@link RequestBounds}). Text normalisation of forms
 * and parameters is {@link TextBinding}; the time window, {@link TimeWindow}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InputLimits.class)
public class EdgeConfiguration {

    /**
     * Just after Spring Security's filter chain (Boot's {@code SecurityProperties.DEFAULT_FILTER_ORDER}, -100): the
     * caller is authenticated and the security headers are set before a body is judged.
     */
    static final int REQUEST_BOUNDS_ORDER = -99;

    @Bean
    Module custodyEdgeJson() {
        return EdgeJson.module();
    }

    @Bean
    FilterRegistrationBean<RequestBounds> requestBounds(InputLimits limits, ProblemWriter problems) {
        FilterRegistrationBean<RequestBounds> registration = new FilterRegistrationBean<>(new RequestBounds(limits, problems));
        registration.setOrder(REQUEST_BOUNDS_ORDER);
        return registration;
    }
}
