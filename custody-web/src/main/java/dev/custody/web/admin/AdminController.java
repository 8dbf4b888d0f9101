package dev.custody.web.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page of this role: a placeholder until its pages are built. */
@Controller
class AdminController {

    @GetMapping("/admin")
    String home(Model model) {
        model.addAttribute("heading", "Projections");
        model.addAttribute("lead", "The projections' status, quarantined events and rebuilds will be here.");
        return "placeholder";
    }
}
