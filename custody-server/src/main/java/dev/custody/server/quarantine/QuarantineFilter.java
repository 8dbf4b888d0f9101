package dev.custody.server.quarantine;

import dev.custody.edge.PageSize;
import dev.custody.edge.Reference;
import dev.custody.processing.QuarantineAdmin.Shown;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/** The query of {@code GET /api/v1/admin/quarantine}, bound from its parameters ({@code @ParameterObject}). */
record QuarantineFilter(
        @Parameter(description = "device-projection, kafka-publisher or custody-notifier; all by default")
        @Reference String processor,
        @Schema(defaultValue = "QUARANTINED") Shown state,
        @Schema(defaultValue = "100") @PageSize Integer limit) {

    QuarantineFilter {
        state = state == null ? Shown.QUARANTINED : state;
        limit = limit == null ? 100 : limit;
    }
}
