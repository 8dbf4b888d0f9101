package dev.custody.web.layout;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

import java.time.Duration;

/**
 * Static assets, all served by this server (the Content-Security-Policy allows no other origin):
 * <ul>
 *   <li>{@code /assets/**}: GOV.UK Frontend's fonts and images, where its compiled CSS expects them;</li>
 *   <li>{@code /webjars/**}: GOV.UK Frontend, htmx and its SSE extension, by version-less path (Spring Boot's
 *       handler with webjars-locator-lite);</li>
 *   <li>{@code /ui/**}: Custody's own scripts and styles ({@code classpath:/static/ui/}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String govuk = new WebJarVersionLocator().version("govuk-frontend");
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/" + govuk + "/dist/govuk/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
    }
}
