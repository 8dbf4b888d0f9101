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
 *   <li>{@code /ui/**}: Custody's own scripts and styles ({@code classpath:/static/ui/});</li>
 *   <li>{@code /favicon.ico}: GOV.UK's icon, for what asks the server's root for one without reading a page's
 *       {@code <link rel="icon">} (a browser showing a label's PDF does).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WebAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String govuk = new WebJarVersionLocator().version("govuk-frontend");
        registry.addResourceHandler("/favicon.ico")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/" + govuk
                        + "/dist/govuk/assets/rebrand/images/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/" + govuk + "/dist/govuk/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
    }
}
