package dev.custody.web.signin;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds to the pages' security chain what the deployable application decides for every chain, such as the security
 * headers every response carries (custody-server's {@code SecurityHeaders}). Applied after the pages' own settings.
 */
@FunctionalInterface
public interface PagesChainCustomizer {

    void customize(HttpSecurity http) throws Exception;
}
