package dev.custody.web.supervisor;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page of this role: a placeholder until its pages are built. */
@Controller
class SupervisorController {

    @GetMapping("/supervisor")
    String home(Model model) {
        model.addAttribute("heading", "Alerts");
        model.addAttribute("lead", "Your force's alerts, acknowledging them and extending retention will be here.");
        return "placeholder";
    }
}
