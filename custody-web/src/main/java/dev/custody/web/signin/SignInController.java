package dev.custody.web.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The sign-in page: the dev users' form (dev mode only) and a button for each other {@link SignInMethod}; and the
 * page that says why an account the identity provider vouched for cannot be used here.
 */
@Controller
class SignInController {

    private final List<SignInMethod> methods;
    private final boolean devUsers;

    SignInController(List<SignInMethod> methods, @Value("${custody.security.dev-users:false}") boolean devUsers) {
        this.methods = methods;
        this.devUsers = devUsers;
    }

    @GetMapping(WebPaths.SIGN_IN)
    String signIn(@RequestParam(required = false) String error,
                  @RequestParam(name = "signed-out", required = false) String signedOut,
                  @RequestParam(required = false) String refused,
                  Authentication authentication, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        if (refused != null) {
            return refused(request, response, model);
        }
        model.addAttribute("devUsers", devUsers);
        model.addAttribute("methods", methods);
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        return "signin/sign-in";
    }

    /**
     * The identity provider vouched for the person, but their account cannot be used here: it does not say which
     * force (or lab) they act for. Saying so plainly, with the reason the sign-in method gave, lets them ask the
     * right person to fix their account instead of trying again.
     */
    private String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession(false);
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (session != null) {
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        model.addAttribute("reason", failure instanceof AuthenticationException e ? e.getMessage() : null);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "signin/refused";
    }
}
