package dev.custody.web.signin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** The sign-in page: the dev users' form (dev mode only) and a button for each other {@link SignInMethod}. */
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
                  Authentication authentication, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        model.addAttribute("devUsers", devUsers);
        model.addAttribute("methods", methods);
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        return "signin/sign-in";
    }
}
