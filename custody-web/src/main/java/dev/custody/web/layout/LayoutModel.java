package dev.custody.web.layout;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/** What the layout needs on every page: who is signed in, their navigation, and the page's own path. */
@ControllerAdvice(basePackages = "dev.custody.web")
class LayoutModel {

    @ModelAttribute("nav")
    List<Navigation.Item> nav(Authentication authentication) {
        return Navigation.items(authentication);
    }

    @ModelAttribute("signedInAs")
    String signedInAsAttribute(Authentication authentication) {
        return signedInAs(authentication);
    }

    static String signedInAs(Authentication authentication) {
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                ? null : authentication.getName();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The path of the navigation's link for this page, which the header marks as the current one. */
    @ModelAttribute("activeNav")
    String activeNav(Authentication authentication, HttpServletRequest request) {
        return Navigation.active(Navigation.items(authentication), request.getRequestURI());
    }
}
