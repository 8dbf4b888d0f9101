package dev.custody.projections.status;

import dev.custody.edge.PageNumber;
import dev.custody.edge.PageSize;
import dev.custody.edge.Reference;
import dev.custody.values.CustodyStage;
import dev.custody.values.OwnerRole;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query of {@code GET /api/v1/devices}, bound from its parameters ({@code @ParameterObject}); null filters
 * nothing. Enums are read by name only; every parameter that cannot be read or is out of bounds is named in one 400.
 */
public record DeviceSearchFilter(
        @Parameter(description = "Another force than your own: inspectors only") @Reference String force,
        @Reference String lab, CustodyStage stage, OwnerRole ownerRole, Boolean held,
        @Parameter(description = "Held devices past a breach deadline") @Schema(defaultValue = "false") Boolean overdue,
        @Parameter(description = "Devices with (true) or without (false) a quarantined event") Boolean needsAttention,
        @Schema(defaultValue = "0") @PageNumber Integer page,
        @Schema(defaultValue = "50") @PageSize Integer size) {

    public DeviceSearchFilter {
        overdue = overdue != null && overdue;
        page = page == null ? 0 : page;
        size = size == null ? 50 : size;
    }

    DeviceSearch.Filters filters() {
        return new DeviceSearch.Filters(force, lab, stage, ownerRole, null, held, overdue, needsAttention, null);
    }
}
