package dev.custody.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks a handler's {@code @PreAuthorize} before Spring MVC reads its body or parameters, so that a caller whose
 * role may not use an endpoint is told 403 and never a 400 listing what the endpoint expects (which would describe
 * an operation to someone who may not call it). Method security checks the same expression again when the handler
 * is invoked; both read the one annotation on the handler, REST endpoint or web page alike.
 */
class RoleFirst implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

    RoleFirst(ApplicationContext context) {
        preAuthorize.setApplicationContext(context);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && !readsArguments(method)) {
            AuthorizationResult result = preAuthorize.authorize(SecurityContextHolder.getContext()::getAuthentication,
                    new SimpleMethodInvocation(method.getBean(), method.getMethod()));
            if (result != null && !result.isGranted()) {
                throw new AccessDeniedException("Access Denied");
            }
        }
        return true;
    }

    /** An expression on the handler's arguments ({@code #id}) can only be judged once they are read. */
    private static boolean readsArguments(HandlerMethod method) {
        PreAuthorize annotation = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
        }
        return annotation != null && annotation.value().contains("#");
    }
}
