package dev.custody.web.inspector;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page of this role: a placeholder until its pages are built. */
@Controller
class InspectorController {

    @GetMapping("/inspector")
    String home(Model model) {
        model.addAttribute("heading", "Retention");
        model.addAttribute("lead", "The retention dashboard will be here.");
        return "placeholder";
    }
}
