package dev.custody.web.layout;

import dev.custody.edge.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures on pages become GOV.UK error pages, never problem+json: this advice covers the pages' controllers only
 * and runs before the API's problem handler. Form errors are not failures: controllers show them on the form itself
 * (see {@code dev.custody.web.form.FormErrors}).
 */
@ControllerAdvice(basePackages = "dev.custody.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WebErrors {

    private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

    /** A malformed id in a path is a page that does not exist. */
    @ExceptionHandler({PageNotFound.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound(Exception e) {
        return page("error/404", HttpStatus.NOT_FOUND);
    }

    /** A browser that closed a live stream: nothing to answer, and nothing wrong on our side. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("A browser went away: {}", e.getMessage());
    }

    /** A refusal from a service the page called: "not found" and "forbidden" have their pages. */
    @ExceptionHandler(Problem.class)
    ModelAndView problem(Problem e) {
        return switch (e.status()) {
            case NOT_FOUND -> page("error/404", HttpStatus.NOT_FOUND);
            case FORBIDDEN -> page("error/403", HttpStatus.FORBIDDEN);
            default -> unexpected(e);
        };
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(AccessDeniedException e) {
        return page("error/403", HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) {
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            // Spring MVC's own refusals (a missing parameter, a wrong method): the request, not the server.
            return page("error/404", HttpStatus.NOT_FOUND);
        }
        log.error("Unexpected failure on a page", e);
        return page("error", HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** An error page, with the layout's model: exception handlers do not get the advice's model attributes. */
    public static ModelAndView page(String view, HttpStatus status) {
        ModelAndView mav = new ModelAndView(view);
        mav.setStatus(status);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        mav.addObject("nav", Navigation.items(authentication));
        mav.addObject("signedInAs", LayoutModel.signedInAs(authentication));
        return mav;
    }
}
