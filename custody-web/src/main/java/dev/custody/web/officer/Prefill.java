package dev.custody.web.officer;

import dev.custody.device.DeviceHistory.HistoryEntry;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.values.NoticeElement;
import dev.custody.values.SeizureDetails;
import dev.custody.values.TimeSensitiveData;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.layout.Formats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A re-seizure's draft, filled in from the device's last seizure: the same case, device, owner and legal record,
 * for the officer to check and change. What must be new is left empty: the seal number (a new evidence bag) and
 * when agreement was given (it must be given again).
 */
final class Prefill {

    private Prefill() {
    }

    static void fromLastSeizure(DeviceRecord device, SeizureDraft d) {
        List<HistoryEntry> events = device.history().events();
        DeviceSeized last = null;
        for (HistoryEntry e : events) {
            if (e.payload() instanceof DeviceSeized s) {
                last = s;
            }
        }
        if (last == null) {
            return;
        }
        SeizureDetails s = last.details();
        d.caseReference = s.caseReference().value();
        d.deviceType = name(s.device().type());
        d.description = s.device().description();
        d.ownerRole = name(s.ownerRole());
        if (s.legal() != null) {
            d.purpose = name(s.legal().purpose());
            d.basis = name(s.legal().basis());
            if (s.legal().justification() != null) {
                d.lineOfEnquiry = s.legal().justification().lineOfEnquiry();
                d.necessityAndProportionality = s.legal().justification().necessityAndProportionality();
                d.alternativesConsidered = s.legal().justification().alternativesConsidered();
                d.thirdPartyDataLikely = s.legal().justification().thirdPartyDataLikely() ? "yes" : "no";
            }
            if (s.legal().notice() != null) {
                d.noticeVersion = s.legal().notice().version();
                d.noticeLanguage = name(s.legal().notice().language());
                d.noticeElements = new ArrayList<>(s.legal().notice().elementsConfirmed().stream()
                        .map(NoticeElement::name).sorted().toList());
            }
            if (s.legal().agreement() != null) {
                d.agreedBy = name(s.legal().agreement().givenBy());
            }
        }
        if (s.scope() != null) {
            set(s.scope().from(), v -> {
                d.fromDay = v[0];
                d.fromMonth = v[1];
                d.fromYear = v[2];
            });
            set(s.scope().to(), v -> {
                d.toDay = v[0];
                d.toMonth = v[1];
                d.toYear = v[2];
            });
            d.categories = new ArrayList<>(s.scope().categories().stream().map(Enum::name).sorted().toList());
            d.longRangeJustification = s.scope().longRangeJustification();
        }
        for (TimeSensitiveData t : s.timeSensitiveData()) {
            LocalDate expires = t.expiresAt() == null ? null : t.expiresAt().atZone(Formats.UK).toLocalDate();
            d.atRisk.add(new SeizureDraft.AtRisk(name(t.kind()), t.detail(),
                    expires == null ? null : String.valueOf(expires.getDayOfMonth()),
                    expires == null ? null : String.valueOf(expires.getMonthValue()),
                    expires == null ? null : String.valueOf(expires.getYear())));
        }
        if (s.victimCare() != null) {
            d.victimTier = name(s.victimCare().tier());
            d.updateEveryDays = String.valueOf(s.victimCare().updateEveryDays());
        }
    }

    private static void set(LocalDate date, java.util.function.Consumer<String[]> to) {
        if (date != null) {
            to.accept(new String[]{String.valueOf(date.getDayOfMonth()), String.valueOf(date.getMonthValue()),
                    String.valueOf(date.getYear())});
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
