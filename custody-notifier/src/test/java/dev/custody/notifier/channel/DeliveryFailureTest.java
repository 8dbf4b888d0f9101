package dev.custody.notifier.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryFailureTest {

    @Test
    void providerErrorsNeverKeepAnAddressOrNumber() {
        String scrubbed = DeliveryFailure.scrub("550 Invalid Addresses: <victim.name@example.org>; "
                + "phone_number +447700900123 and 07700 900123 rejected");
        assertThat(scrubbed).doesNotContain("victim.name", "example.org", "7700900123", "900123")
                .contains("[address]", "[number]");
    }
}
