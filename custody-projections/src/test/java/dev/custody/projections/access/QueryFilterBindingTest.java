package dev.custody.projections.access;

import dev.custody.edge.FilterBinding;
import dev.custody.edge.InputLimits;
import dev.custody.edge.Params;
import dev.custody.edge.Problem;
import dev.custody.edge.TimeWindow;
import dev.custody.edge.Validation;
import dev.custody.events.AlertMessage;
import dev.custody.projections.alert.AlertFilter;
import dev.custody.projections.alert.AlertLogFilter;
import dev.custody.projections.report.RetentionFilter;
import dev.custody.projections.status.DeviceSearchFilter;
import dev.custody.values.AlertRule;
import dev.custody.values.CustodyStage;
import dev.custody.values.DeviceType;
import dev.custody.values.OwnerRole;
import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.boot.autoconfigure.validation.ValidatorAdapter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The query filter records as Spring MVC binds them from a query string: typed values by name only, the API's
 * defaults, and every parameter that cannot be converted or is out of bounds reported together, not only the first.
 */
class QueryFilterBindingTest {

    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

    private final AtomicReference<Object> bound = new AtomicReference<>();
    private final SpringValidatorAdapter validator = new SpringValidatorAdapter(Validation.validator(
            new TimeWindow(InputLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC))));
    /** As the server sets MVC up: Spring Boot's adapter around the validator, and the edge's advice. */
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Filters(bound))
            .setValidator(ValidatorAdapter.get(null, validator))
            .setControllerAdvice(new FilterBinding(validator))
            .build();

    @RestController
    record Filters(AtomicReference<Object> bound) {
        @GetMapping("/alerts")
        void alerts(@Valid @ParameterObject AlertFilter filter) {
            bound.set(filter);
        }

        @GetMapping("/alert-log")
        void log(@Valid @ParameterObject AlertLogFilter filter) {
            bound.set(filter);
        }

        @GetMapping("/devices")
        void devices(@Valid @ParameterObject DeviceSearchFilter filter) {
            bound.set(filter);
        }

        @GetMapping("/report")
        void report(@Valid @ParameterObject RetentionFilter filter) {
            bound.set(filter);
        }

        @GetMapping("/report-with-more-checks")
        void reportWithMoreChecks(@Valid @ParameterObject RetentionFilter filter, BindingResult result) {
            bound.set(filter);
            Params.of(result).check(false, "to", "a check across the parameters").validate();
        }
    }

    @Test
    void typedValuesAndTheApisDefaults() throws Exception {
        UUID device = UUID.randomUUID();
        mvc.perform(get("/alerts").queryParam("rule", "RETURN_24H").queryParam("state", "ACKNOWLEDGED")
                .queryParam("ownerRole", "VICTIM").queryParam("deviceId", device.toString())
                .queryParam("from", "2026-05-01T00:00:00Z").queryParam("lab", "Cardiff"));
        assertThat(bound.get()).isEqualTo(new AlertFilter(AlertRule.RETURN_24H, null, null,
                AlertMessage.State.ACKNOWLEDGED, OwnerRole.VICTIM, "Cardiff", device,
                Instant.parse("2026-05-01T00:00:00Z"), null, 0, 50));

        mvc.perform(get("/alert-log"));
        assertThat(bound.get()).isEqualTo(new AlertLogFilter(null, null, null, 0, 100));

        mvc.perform(get("/devices").queryParam("stage", "AT_LAB").queryParam("overdue", "true"));
        assertThat(bound.get()).isEqualTo(new DeviceSearchFilter(null, null, CustodyStage.AT_LAB, null, null, true,
                null, 0, 50));

        mvc.perform(get("/report").queryParam("deviceType", DeviceType.values()[0].name())
                .queryParam("from", "2026-01-01"));
        assertThat(bound.get()).isEqualTo(new RetentionFilter(LocalDate.parse("2026-01-01"), null, null, null, null,
                DeviceType.values()[0]));
    }

    @Test
    void everyUnreadableAndEveryOutOfBoundsParameterIsReportedTogether() throws Exception {
        assertThat(refused(mvc.perform(get("/alerts").queryParam("rule", "0").queryParam("severity", "breach")
                .queryParam("deviceId", "nope").queryParam("lab", "x".repeat(65)).queryParam("size", "0")
                .queryParam("to", "+99999-01-01T00:00:00Z")).andReturn()))
                .containsExactlyInAnyOrder("rule", "severity", "deviceId", "lab", "size", "to");
        assertThat(refused(mvc.perform(get("/devices").queryParam("stage", "0").queryParam("held", "perhaps")
                .queryParam("force", "a\u0000b").queryParam("page", "10001")).andReturn()))
                .containsExactlyInAnyOrder("stage", "held", "force", "page");
        assertThat(refused(mvc.perform(get("/report").queryParam("ownerRole", "victim")
                .queryParam("from", "1900-01-01").queryParam("to", "2026-02-30")).andReturn()))
                .containsExactlyInAnyOrder("ownerRole", "from", "to");
    }

    @Test
    void boundsAloneAreReportedTooWhenEverythingConverts() throws Exception {
        assertThat(refused(mvc.perform(get("/alert-log").queryParam("force", "f".repeat(65))
                .queryParam("size", "501").queryParam("from", "1900-01-01T00:00:00Z")).andReturn()))
                .containsExactlyInAnyOrder("force", "size", "from");
    }

    @Test
    void whatBindingFoundStartsTheChecksAcrossParametersAndSaysWhatWasExpected() throws Exception {
        MvcResult result = mvc.perform(get("/report-with-more-checks").queryParam("ownerRole", "0")
                .queryParam("lab", "l".repeat(65)).queryParam("from", "2026-02-30")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(bound.get()).as("the record, with what could be read").isEqualTo(new RetentionFilter(null, null,
                null, "l".repeat(65), null, null));
        Problem problem = (Problem) result.getResolvedException();
        assertThat(problem.rule()).isEqualTo("invalid-request");
        assertThat(problem.errors()).containsExactlyInAnyOrder(
                new Problem.FieldError("ownerRole", "must be one of VICTIM, WITNESS, SUSPECT, OTHER"),
                new Problem.FieldError("from", "must be a date such as 2026-01-31"),
                new Problem.FieldError("lab", "must be at most 64 characters"),
                new Problem.FieldError("to", "a check across the parameters"));
    }

    private List<String> refused(MvcResult result) {
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResolvedException()).isInstanceOf(MethodArgumentNotValidException.class);
        return ((MethodArgumentNotValidException) result.getResolvedException()).getBindingResult().getFieldErrors()
                .stream().map(FieldError::getField).toList();
    }
}
