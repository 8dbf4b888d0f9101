package dev.custody.web.form;

import dev.custody.edge.Problem;
import dev.custody.edge.Validation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The errors a form shows: the GOV.UK error summary, with a link to each field, and the message beside each field.
 * They are the same as the REST API's problem+json: its {@code rule}, its {@code detail} and its
 * {@code errors: [{field, message}]}, where {@code field} is the path of the field in the request (such as
 * {@code sealCheck.sealNumber}). A form names its inputs by those paths, and gives each the id {@link #id(String)}.
 *
 * @param rule      the problem's stable code, or null
 * @param summary   a sentence for the summary when no field is at fault (or to say more than the fields do), or null
 * @param fields    every bad field
 * @param keepFocus true to leave the focus where the page puts it (the lab's scan box) instead of moving it to the
 *                  summary, as GOV.UK Frontend otherwise does on load
 */
public record FormErrors(String rule, String summary, List<FieldProblem> fields, boolean keepFocus) {

    /** One bad field, by its path in the request. */
    public record FieldProblem(String field, String message) {

        /** The id of the field's input, which the summary links to. */
        public String id() {
            return FormErrors.id(field);
        }
    }

    private static final FormErrors NONE = new FormErrors(null, null, List.of(), false);

    /** Bean Validation's messages for a field left empty. */
    private static final List<String> EMPTY = List.of("must not be blank", "must not be null", "must not be empty");

    public FormErrors {
        fields = List.copyOf(fields);
    }

    public static FormErrors none() {
        return NONE;
    }

    public static FormErrors of(String rule, String summary, List<FieldProblem> fields) {
        return new FormErrors(rule, summary, fields, false);
    }

    /** A single bad field. */
    public static FormErrors field(String rule, String field, String message) {
        return of(rule, null, List.of(new FieldProblem(field, message)));
    }

    /**
     * The errors of a refused request, as the REST API reports them. Bean Validation's generic messages ("must not be
     * blank") are prefixed with the field's label on the form, so that the summary says which field it means.
     *
     * @param labels each field's label on the form, by field path
     */
    public static FormErrors from(Problem problem, Map<String, String> labels) {
        return from(problem, labels, Map.of());
    }

    /**
     * As {@link #from(Problem, Map)}, saying what to enter where a field was left empty, in GOV.UK's words ("Enter
     * why the device must be kept longer"), instead of Bean Validation's "must not be blank".
     *
     * @param missing what to say when a field is empty, by field path
     */
    public static FormErrors from(Problem problem, Map<String, String> labels, Map<String, String> missing) {
        boolean generic = "invalid-request".equals(problem.rule());
        List<FieldProblem> fields = problem.errors().stream()
                .map(e -> new FieldProblem(e.field(), !generic ? e.message()
                        : missing.containsKey(e.field()) && EMPTY.contains(e.message()) ? missing.get(e.field())
                        : labels.containsKey(e.field()) ? labels.get(e.field()) + ": " + e.message() : e.message()))
                .toList();
        return of(problem.rule(), fields.isEmpty() ? sentence(problem.detail()) : null, fields);
    }

    /**
     * A form's own errors (what its text could not say, such as a date that does not exist) followed by what Bean
     * Validation finds wrong with the request's other fields: nothing is sent, and every error shows at once.
     *
     * @param labels each field's label on the form, by field path
     */
    public static FormErrors withValidation(List<FieldProblem> own, Validator validator, Object request,
                                            Map<String, String> labels) {
        return withValidation(own, validator, request, labels, Map.of());
    }

    /** As {@link #withValidation(List, Validator, Object, Map)}, with GOV.UK's words for empty fields. */
    public static FormErrors withValidation(List<FieldProblem> own, Validator validator, Object request,
                                            Map<String, String> labels, Map<String, String> missing) {
        List<FieldProblem> all = new ArrayList<>(own);
        from(Problem.invalid("invalid-request", Validation.fieldErrors(validator.validate(request))), labels, missing)
                .fields().stream()
                .filter(e -> own.stream().noneMatch(p -> p.field().equals(e.field())))
                .forEach(all::add);
        return of("invalid-request", null, all);
    }

    private static String sentence(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The same errors, leaving the focus where the page puts it. */
    public FormErrors keepingFocus() {
        return new FormErrors(rule, summary, fields, true);
    }

    public boolean any() {
        return summary != null || !fields.isEmpty();
    }

    public boolean has(String field) {
        return fields.stream().anyMatch(p -> p.field().equals(field));
    }

    /** The messages for one field, joined; null when it has none. */
    public String message(String field) {
        List<String> messages = fields.stream().filter(p -> p.field().equals(field)).map(FieldProblem::message)
                .toList();
        return messages.isEmpty() ? null : String.join("; ", messages);
    }

    /** The input id of a field path: {@code sealCheck.sealNumber} is {@code sealCheck-sealNumber}. */
    public static String id(String field) {
        return Objects.requireNonNull(field).replace('.', '-').replace("[", "-").replace("]", "");
    }

    /** For templates, which cannot call static methods. */
    public String idOf(String field) {
        return id(field);
    }
}
