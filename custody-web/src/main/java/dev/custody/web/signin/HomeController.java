package dev.custody.web.signin;

import dev.custody.web.layout.Navigation;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** {@code /} takes each person to the page they start their day on, by role. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication authentication) {
        return Navigation.home(authentication)
                .map(path -> "redirect:" + path)
                .orElse("redirect:" + WebPaths.FORBIDDEN);
    }

    /** Any method: a refused form post (no CSRF token, say) is forwarded here too. */
    @RequestMapping(WebPaths.FORBIDDEN)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "error/403";
    }
}
