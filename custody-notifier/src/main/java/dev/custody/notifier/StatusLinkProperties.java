package dev.custody.notifier;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code custody.notifier.status-link.*}: the link to the victim's status page that every victim message carries.
 *
 * @param baseUrl           where victims reach this service from the internet, such as
 *                          {@code https://custody.police.example}; the link is {@code <baseUrl>/status/<token>}
 * @param expireAfterReturn a link stops working this long after the device's return
 * @param rateLimit         requests the page answers per link and per client address within a window
 */
@ConfigurationProperties("custody.notifier.status-link")
public record StatusLinkProperties(String baseUrl, Duration expireAfterReturn, RateLimit rateLimit) {

    public StatusLinkProperties {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        expireAfterReturn = expireAfterReturn == null ? Duration.ofDays(30) : expireAfterReturn;
        if (expireAfterReturn.isNegative()) {
            throw new IllegalArgumentException("custody.notifier.status-link.expire-after-return must not be negative");
        }
        rateLimit = rateLimit == null ? new RateLimit(null, null, null) : rateLimit;
    }

    /** The status page's address for one token. */
    public String url(String token) {
        return baseUrl + "/status/" + token;
    }

    /**
     * @param window     the length of one counting window
     * @param perLink    requests for one link within a window
     * @param perAddress requests from one client address within a window, whatever the link
     */
    public record RateLimit(Duration window, Integer perLink, Integer perAddress) {
        public RateLimit {
            window = window == null ? Duration.ofMinutes(1) : window;
            perLink = perLink == null ? 20 : perLink;
            perAddress = perAddress == null ? 60 : perAddress;
            if (window.isZero() || window.isNegative() || perLink < 1 || perAddress < 1) {
                throw new IllegalArgumentException("custody.notifier.status-link.rate-limit needs a positive window "
                        + "and limits of at least 1");
            }
        }
    }
}
