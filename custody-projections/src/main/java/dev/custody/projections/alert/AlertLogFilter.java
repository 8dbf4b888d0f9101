package dev.custody.projections.alert;

import dev.custody.edge.PageNumber;
import dev.custody.edge.PageSize;
import dev.custody.edge.Plausible;
import dev.custody.edge.Reference;
import dev.custody.edge.TimeWindow.Horizon;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** The query of {@code GET /api/v1/alert-log}, bound from its parameters ({@code @ParameterObject}); null filters nothing. */
public record AlertLogFilter(
        @Parameter(description = "Another force than your own: inspectors only") @Reference String force,
        @Parameter(description = "Changes at or after") @Plausible(Horizon.FUTURE) Instant from,
        @Parameter(description = "Changes before") @Plausible(Horizon.FUTURE) Instant to,
        @Schema(defaultValue = "0") @PageNumber Integer page,
        @Schema(defaultValue = "100") @PageSize Integer size) {

    public AlertLogFilter {
        page = page == null ? 0 : page;
        size = size == null ? 100 : size;
    }

    /** Every kind of change, oldest first, as the API lists the log. */
    AlertService.LogQuery query() {
        return new AlertService.LogQuery(force, from, to, null, false);
    }
}
