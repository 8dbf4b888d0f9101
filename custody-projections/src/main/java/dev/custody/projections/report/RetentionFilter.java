package dev.custody.projections.report;

import dev.custody.edge.Plausible;
import dev.custody.edge.Reference;
import dev.custody.edge.TimeWindow.Horizon;
import dev.custody.values.DeviceType;
import dev.custody.values.OwnerRole;
import io.swagger.v3.oas.annotations.Parameter;

import java.time.LocalDate;

/**
 * A retention report's period and filters as the REST report and its CSVs take them ({@code @ParameterObject}) and
 * the web dashboard passes them on; null filters nothing. {@link RetentionRequest} turns them into what the report
 * runs on.
 */
public record RetentionFilter(
        @Parameter(description = "First day of seizure (UTC); a year before to by default") @Plausible(Horizon.FUTURE)
        LocalDate from,
        @Parameter(description = "Last day of seizure (UTC); today by default") @Plausible(Horizon.FUTURE) LocalDate to,
        @Parameter(description = "Another force than your own: inspectors only") @Reference String force,
        @Reference String lab, OwnerRole ownerRole, DeviceType deviceType) {
}
