package dev.custody.web.signin;

import dev.custody.web.layout.WebErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address under the pages' paths that nothing answers ({@code /lab/nope}, {@code /supervisor/nope}) gets the
 * GOV.UK "Page not found" page, not the API's problem+json: no controller of the pages was reached, so
 * {@link WebErrors} never sees it. Every other path (the REST API's) is left to the API's problem handler. It lives
 * beside {@link WebPaths}, which knows the pages' addresses (layout may not depend on signin).
 */
@Component
class PageNotFoundResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        boolean nothingHere = e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException;
        if (!nothingHere || !WebPaths.isPage(request.getRequestURI().substring(request.getContextPath().length()))) {
            return null;
        }
        return WebErrors.page("error/404", HttpStatus.NOT_FOUND);
    }

    /** Before Spring MVC's own resolvers, which would hand the exception to the API's problem handler. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
