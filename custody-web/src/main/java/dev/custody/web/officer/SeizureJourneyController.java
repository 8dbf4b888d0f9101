package dev.custody.web.officer;

import dev.custody.device.DeviceCommands;
import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.device.LabelCodes;
import dev.custody.edge.Problem;
import dev.custody.edge.Problem.FieldError;
import dev.custody.notifier.contact.ContactRegistration;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.form.FormErrors;
import dev.custody.web.form.FormErrors.FieldProblem;
import dev.custody.web.layout.PageNotFound;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seizing a device as a short journey of question pages ({@link SeizurePage}), ending in "check your answers". The
 * answers are kept in the session ({@link SeizureDraft}) and checked at each page by the command side's own rules
 * ({@link DeviceCommands#seizureProblems}), so a blank or placeholder answer is refused on its page with the rule's
 * reason. Nothing is stored until "Seize device": then the victim's contact (contact vault) and the seizure are
 * stored in one transaction, or neither is.
 */
@Controller
class SeizureJourneyController {

    static final String BASE = "/officer/seize";
    private static final String DRAFTS = "custody.seizure-drafts";
    private static final String SEIZED = "custody.seized-drafts";
    /** Drafts one session keeps at once (two tabs, a re-seizure beside a seizure); the oldest goes first. */
    private static final int MAX_DRAFTS = 5;

    private final DeviceCommands commands;
    private final DeviceRecords records;
    private final ObjectProvider<ContactRegistration> contacts;
    private final SeizureQuestions questions;
    private final LabelCodes labelCodes;
    private final TransactionTemplate tx;
    private final Clock clock;

    SeizureJourneyController(DeviceCommands commands, DeviceRecords records,
                             ObjectProvider<ContactRegistration> contacts, SeizureQuestions questions,
                             LabelCodes labelCodes, TransactionTemplate tx, Clock clock) {
        this.commands = commands;
        this.records = records;
        this.contacts = contacts;
        this.questions = questions;
        this.labelCodes = labelCodes;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new seizure: a fresh draft, and its first page. */
    @GetMapping(BASE)
    String start(HttpSession session) {
        SeizureDraft draft = SeizureDraft.seizure();
        keep(session, draft);
        return redirect(draft, SeizurePage.DEVICE);
    }

    /** Seizing a returned device again: the same journey, with the last seizure's answers filled in. */
    @GetMapping("/devices/{id}/officer/reseize")
    String reseize(Actor actor, @PathVariable UUID id, HttpSession session) {
        DeviceRecord device = records.load(actor, id);
        if (device.view().isHeld()) {
            return "redirect:/devices/" + id;
        }
        SeizureDraft draft = SeizureDraft.reseizure(id, device.version());
        Prefill.fromLastSeizure(device, draft);
        keep(session, draft);
        return redirect(draft, SeizurePage.DEVICE);
    }

    @GetMapping(BASE + "/{draft}/{slug}")
    String page(Actor actor, @PathVariable UUID draft, @PathVariable String slug,
                @RequestParam(name = "from", required = false) String from, HttpSession session, Model model) {
        SeizureDraft d = draft(session, draft);
        if ("check".equals(slug)) {
            return check(actor, d, FormErrors.none(), model);
        }
        SeizurePage page = page(slug, d);
        return questions.show(actor, d, page, FormErrors.none(), "check".equals(from), model);
    }

    @PostMapping(BASE + "/{draft}/{slug}")
    String answer(Actor actor, @PathVariable UUID draft, @PathVariable String slug,
                  @RequestParam MultiValueMap<String, String> form, HttpSession session, Model model) {
        SeizureDraft d = draft(session, draft);
        SeizurePage page = page(slug, d);
        boolean fromCheck = "check".equals(form.getFirst("from"));
        page.take(form, d);
        String action = form.getFirst("action");
        if (page == SeizurePage.AT_RISK) {
            String again = redirect(d, page) + (fromCheck ? "?from=check" : "");
            if (action != null && action.startsWith("remove-")) {
                AtRiskList.remove(d, action);
                return again;
            }
            // "Add" adds and stays; "Continue" adds what was typed and goes on, as does "Add" with nothing typed.
            boolean adding = "add".equals(action) && AtRiskList.pending(form);
            FormErrors errors = AtRiskList.addPending(d, form);
            if (errors.any()) {
                return questions.show(actor, d, page, errors, fromCheck, model);
            }
            if (adding) {
                return again;
            }
        }
        List<FieldProblem> problems = problems(actor, d).stream().filter(p -> page.holds(p.field())).toList();
        if (!problems.isEmpty()) {
            return questions.show(actor, d, page, FormErrors.of(SeizureQuestions.RULE, null, problems), fromCheck,
                    model);
        }
        d.answered.add(page);
        boolean allAnswered = SeizurePage.journey(d).stream().allMatch(d.answered::contains);
        if (fromCheck || allAnswered) {
            return "redirect:" + BASE + "/" + d.id + "/check";
        }
        return page.next(d).map(next -> redirect(d, next)).orElse("redirect:" + BASE + "/" + d.id + "/check");
    }

    /** "Seize device": the contact and the seizure, in one transaction; or the errors, each linked to its page. */
    @PostMapping(BASE + "/{draft}/check")
    String seize(Actor actor, @PathVariable UUID draft, HttpSession session, Model model) {
        Map<UUID, UUID> seized = seized(session);
        if (seized.containsKey(draft)) {
            return "redirect:/officer/seized/" + seized.get(draft); // sent twice: the first one did it
        }
        SeizureDraft d = draft(session, draft);
        List<FieldProblem> problems = problems(actor, d);
        if (!problems.isEmpty()) {
            return check(actor, d, FormErrors.of(SeizureQuestions.RULE,
                    "Some answers need attention before the device can be seized.", problems), model);
        }
        SeizureAnswers answers = new SeizureAnswers(d, clock.instant());
        UUID deviceId;
        try {
            deviceId = tx.execute(status -> {
                if (answers.contact != null) {
                    contactRegistration().register(d.contactReference, answers.contact, actor);
                }
                DeviceCommands.Accepted accepted = d.reseizure
                        ? commands.reseize(actor, new Conditions(null, d.version), new DeviceId(d.deviceId),
                        answers.request)
                        : commands.seize(actor, Conditions.NONE, answers.request);
                return accepted.deviceId().value();
            });
        } catch (Problem refused) {
            if (refused.status() == HttpStatus.NOT_FOUND && d.reseizure) {
                throw new PageNotFound(refused.detail());
            }
            if ("device-exists".equals(refused.rule())) {
                return "redirect:/officer/seized/" + d.deviceId; // a second send met the first one's record
            }
            return check(actor, d, FormErrors.from(refused, SeizureQuestions.LABELS), model);
        }
        drafts(session).remove(d.id);
        seized.put(d.id, deviceId);
        return "redirect:/officer/seized/" + deviceId;
    }

    /** The confirmation: the device's reference (its label code, minted now if it has none) and "Print label". */
    @GetMapping("/officer/seized/{id}")
    String seized(Actor actor, @PathVariable UUID id, Model model) {
        DeviceRecord device = records.load(actor, id);
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("code", dev.custody.device.LabelCode.display(labelCodes.codeFor(new DeviceId(id))));
        model.addAttribute("pageTitle", (device.view().seizureNumber() > 1 ? "Device seized again" : "Device seized"));
        return "officer/seized";
    }

    private String check(Actor actor, SeizureDraft d, FormErrors errors, Model model) {
        return questions.check(actor, d, errors, problemsByPage(errors), model);
    }

    /** Every problem of the whole draft: the text's own, the command side's and the contact vault's. */
    private List<FieldProblem> problems(Actor actor, SeizureDraft d) {
        SeizureAnswers answers = new SeizureAnswers(d, clock.instant());
        List<FieldProblem> problems = new ArrayList<>(answers.problems);
        for (FieldError e : commands.seizureProblems(actor, answers.request)) {
            if (problems.stream().noneMatch(p -> p.field().equals(e.field()))) {
                problems.add(new FieldProblem(e.field(), SeizureQuestions.message(e.field(), e.message())));
            }
        }
        if (SeizurePage.CONTACT.appliesTo(d)) {
            if (d.contactChannel == null) {
                problems.add(new FieldProblem("contact.channel", "Choose how the victim wants to hear from you"));
            } else {
                for (FieldError e : contactRegistration().check(d.contactReference, answers.contact, actor)
                        .problems()) {
                    problems.add(new FieldProblem("contact." + e.field(),
                            SeizureQuestions.message("contact." + e.field(), e.message())));
                }
            }
        }
        return problems;
    }

    private ContactRegistration contactRegistration() {
        ContactRegistration registration = contacts.getIfAvailable();
        if (registration == null) {
            throw Problem.unprocessable("contact-vault-unavailable", "This server does not hold the contact vault "
                    + "(custody.roles.notifier is off): the victim's contact cannot be stored here.", List.of());
        }
        return registration;
    }

    /** The problems of a refused seizure, each with the page that holds its field. */
    private static Map<String, SeizurePage> problemsByPage(FormErrors errors) {
        Map<String, SeizurePage> pages = new LinkedHashMap<>();
        for (FieldProblem p : errors.fields()) {
            pages.put(p.field(), SeizurePage.holding(p.field()));
        }
        return pages;
    }

    private static SeizurePage page(String slug, SeizureDraft d) {
        SeizurePage page = SeizurePage.bySlug(slug).orElseThrow(() -> new PageNotFound("no question " + slug));
        if (!page.appliesTo(d)) {
            throw new PageNotFound("the question " + slug + " does not apply to this seizure");
        }
        return page;
    }

    private static String redirect(SeizureDraft d, SeizurePage page) {
        return "redirect:" + BASE + "/" + d.id + "/" + page.slug;
    }

    private static void keep(HttpSession session, SeizureDraft draft) {
        Map<UUID, SeizureDraft> drafts = drafts(session);
        while (drafts.size() >= MAX_DRAFTS) {
            drafts.remove(drafts.keySet().iterator().next());
        }
        drafts.put(draft.id, draft);
        session.setAttribute(DRAFTS, drafts);
    }

    /** A draft of this session; another's, or one already sent, is not found. */
    private static SeizureDraft draft(HttpSession session, UUID id) {
        SeizureDraft draft = drafts(session).get(id);
        if (draft == null) {
            throw new PageNotFound("no seizure draft " + id);
        }
        return draft;
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, SeizureDraft> drafts(HttpSession session) {
        Object drafts = session.getAttribute(DRAFTS);
        if (drafts == null) {
            drafts = new LinkedHashMap<UUID, SeizureDraft>();
            session.setAttribute(DRAFTS, drafts);
        }
        return (Map<UUID, SeizureDraft>) drafts;
    }

    @SuppressWarnings("unchecked")
    private static Map<UUID, UUID> seized(HttpSession session) {
        Object seized = session.getAttribute(SEIZED);
        if (seized == null) {
            seized = new LinkedHashMap<UUID, UUID>();
            session.setAttribute(SEIZED, seized);
        }
        return (Map<UUID, UUID>) seized;
    }
}
