package dev.custody.web.officer;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page of this role: a placeholder until its pages are built. */
@Controller
class OfficerController {

    @GetMapping("/officer")
    String home(Model model) {
        model.addAttribute("heading", "My devices");
        model.addAttribute("lead", "The devices you seized, your cases and searching will be here.");
        return "placeholder";
    }
}
