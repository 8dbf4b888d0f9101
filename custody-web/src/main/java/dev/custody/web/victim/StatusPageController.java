package dev.custody.web.victim;

import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.StatusLinkProperties;
import dev.custody.notifier.contact.StatusLinkToken;
import dev.custody.notifier.template.MessageLanguage;
import dev.custody.web.victim.StatusTexts.NoticeKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The victim's status page, {@code /status/{token}}: public, with no sign-in and no session (its own security chain,
 * {@link StatusPageSecurity}). A working link shows where the device is in the contact's language (Welsh, English,
 * or both, Welsh first, when the preference is unknown), with links to switch ({@code ?lang=cy|en}). Every link that
 * does not work (never issued, malformed, expired, withdrawn, or its contact erased) gets the same page with the same
 * status, 404, which depends on nothing but the language asked for. Requests are counted per link and per address;
 * over the limit is 429 in the same neutral page.
 * <p>
 * The token is never logged, never repeated in the page (the language links are relative) and never kept: the link
 * is looked up and counted by its SHA-256 hash.
 */
@Controller
@NotifierRole
class StatusPageController {

    private static final Logger log = LoggerFactory.getLogger(StatusPageController.class);

    private final VictimStatuses statuses;
    private final StatusTexts texts;
    private final StatusRateLimiter limiter;

    StatusPageController(VictimStatuses statuses, StatusTexts texts, StatusLinkProperties properties, Clock clock) {
        this.statuses = statuses;
        this.texts = texts;
        this.limiter = new StatusRateLimiter(properties.rateLimit(), clock, 100_000);
    }

    @GetMapping("/status/{token}")
    ModelAndView status(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang,
                        HttpServletRequest request, HttpServletResponse response) {
        // The path's one bound: the token's exact shape, checked before anything is done with it. Anything else
        // could never be a link, so it is answered as an unknown one (not 400), counted against the address only.
        boolean shaped = StatusLinkToken.wellFormed(token);
        StatusRateLimiter.Decision decision = limiter.check(request.getRemoteAddr(),
                shaped ? Base64.getEncoder().encodeToString(StatusLinkToken.hash(token)) : null);
        if (!decision.allowed()) {
            return busy(lang, decision.retryAfter(), response);
        }
        Optional<VictimStatus> status = shaped ? statuses.find(token) : Optional.empty();
        if (status.isEmpty()) {
            return notice(NoticeKind.UNKNOWN, lang, HttpStatus.NOT_FOUND);
        }
        MessageLanguage page = StatusTexts.pageLanguage(lang, status.get().language());
        ModelAndView mav = new ModelAndView("victim/status");
        mav.addObject("frame", texts.frame(page, "status.heading"));
        mav.addObject("parts", texts.parts(status.get(), page));
        return mav;
    }

    /** Anything else under /status is a link that does not work, counted against the address like the rest. */
    @GetMapping({"/status", "/status/", "/status/**"})
    ModelAndView other(@RequestParam(name = "lang", required = false) String lang, HttpServletRequest request,
                       HttpServletResponse response) {
        return status("", lang, request, response);
    }

    /**
     * A failure (the database away) is a neutral page too, never the staff error page; the log names the failure's
     * class only, as a message could quote the request.
     */
    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletRequest request) {
        log.error("The status page failed: {}", e.getClass().getName());
        return notice(NoticeKind.FAILED, request.getParameter("lang"), HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private ModelAndView busy(String lang, Duration retryAfter, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        return notice(NoticeKind.BUSY, lang, HttpStatus.TOO_MANY_REQUESTS);
    }

    private ModelAndView notice(NoticeKind kind, String lang, HttpStatus status) {
        MessageLanguage page = StatusTexts.pageLanguage(lang, MessageLanguage.BILINGUAL);
        ModelAndView mav = new ModelAndView("victim/notice");
        mav.addObject("frame", texts.frame(page, "status." + kind.key + ".heading"));
        mav.addObject("notices", texts.notices(kind, page));
        mav.setStatus(status);
        return mav;
    }
}
