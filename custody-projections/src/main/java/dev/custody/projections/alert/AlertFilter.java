package dev.custody.projections.alert;

import dev.custody.edge.PageNumber;
import dev.custody.edge.PageSize;
import dev.custody.edge.Plausible;
import dev.custody.edge.Reference;
import dev.custody.edge.TimeWindow.Horizon;
import dev.custody.events.AlertMessage;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.OwnerRole;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * The query of {@code GET /api/v1/alerts}, bound from its parameters ({@code @ParameterObject}); null filters
 * nothing. Enums are read by name only; every parameter that cannot be read or is out of bounds is named in one 400.
 *
 * @param force another force than the caller's own: inspectors only (a 403 for others)
 * @param from  alerts raised at or after this time
 * @param to    alerts raised before this time
 */
public record AlertFilter(AlertRule rule, AlertSeverity severity,
                          @Parameter(description = "Another force than your own: inspectors only") @Reference String force,
                          AlertMessage.State state, OwnerRole ownerRole, @Reference String lab, UUID deviceId,
                          @Parameter(description = "Raised at or after") @Plausible(Horizon.FUTURE) Instant from,
                          @Parameter(description = "Raised before") @Plausible(Horizon.FUTURE) Instant to,
                          @Schema(defaultValue = "0") @PageNumber Integer page,
                          @Schema(defaultValue = "50") @PageSize Integer size) {

    public AlertFilter {
        page = page == null ? 0 : page;
        size = size == null ? 50 : size;
    }

    /** The search these parameters ask for, newest first as the API lists alerts. */
    AlertService.Query query() {
        return new AlertService.Query(rule, severity, force, state, ownerRole, lab, deviceId, from, to,
                AlertStore.Order.NEWEST);
    }
}
