package dev.custody.web.layout;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Map;

/**
 * The start pages of the roles whose pages are still to be built, so that {@code /} takes everyone somewhere. A
 * feature that builds its role's start page removes its path here.
 */
@Controller
class StartPagesToCome {

    private record Page(String heading, String lead) {
    }

    private static final Map<String, Page> PAGES = Map.of(
            "/officer", new Page("My devices",
                    "The devices you seized, your cases and searching will be here."),
            "/admin", new Page("Projections",
                    "The projections' status, quarantined events and rebuilds will be here."));

    @GetMapping({"/officer", "/admin"})
    String page(HttpServletRequest request, Model model) {
        Page page = PAGES.get(request.getServletPath());
        model.addAttribute("heading", page.heading());
        model.addAttribute("lead", page.lead());
        return "placeholder";
    }
}
