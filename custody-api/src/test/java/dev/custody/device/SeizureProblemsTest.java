package dev.custody.device;

import dev.custody.device.DeviceRequests.DeviceDescriptionRequest;
import dev.custody.device.DeviceRequests.LegalRecordRequest;
import dev.custody.device.DeviceRequests.SeizeDeviceRequest;
import dev.custody.edge.InputLimits;
import dev.custody.edge.Problem.FieldError;
import dev.custody.edge.TimeWindow;
import dev.custody.edge.Validation;
import dev.custody.values.Actor;
import dev.custody.values.ForceCode;
import dev.custody.values.LegalBasis;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeviceCommands#seizureProblems}: what a seizure page shows while its draft is still incomplete. Nothing is
 * sent (the command service has no gateway here: reaching it would fail), and a draft whose bounds already fail is
 * still judged by the seizure rules, so that each page can say what is missing on it.
 */
class SeizureProblemsTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final DeviceCommands commands = new DeviceCommands(null, null,
            Validation.validator(new TimeWindow(InputLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC))), null,
            CustodyPolicy.DEFAULT, InputLimits.DEFAULT);
    private final Actor officer = new Actor("officer", EnumSet.of(Role.OFFICER), new ForceCode("dyfed-powys"), null);

    @Test
    void aBlankFirstPageIsToldEachMissingAnswerAndNothingThrows() {
        SeizeDeviceRequest blank = new SeizeDeviceRequest(null, NOW, null,
                new DeviceDescriptionRequest(null, null, null), null,
                new LegalRecordRequest(null, null, null, null, null), null, List.of(), null, null);
        assertThat(fields(commands.seizureProblems(officer, blank)))
                .contains("caseReference", "device.type", "device.sealNumber", "ownerRole", "legal.purpose",
                        "legal.basis");
    }

    @Test
    void aCaseReferenceOverItsBoundIsOneProblemAndTheRulesStillRun() {
        SeizeDeviceRequest tooLong = new SeizeDeviceRequest(null, NOW, "C".repeat(65),
                new DeviceDescriptionRequest(null, null, "SEAL-1"), OwnerRole.SUSPECT,
                new LegalRecordRequest(Purpose.CRIME, LegalBasis.PACE_SEIZURE, null, null, null), null, List.of(),
                null, "  ");
        List<String> fields = fields(commands.seizureProblems(officer, tooLong));
        assertThat(fields).contains("caseReference", "device.type", "contactReference");
        assertThat(fields).doesNotContain("device.sealNumber", "legal.basis");
    }

    private static List<String> fields(List<FieldError> problems) {
        return problems.stream().map(FieldError::field).toList();
    }
}
