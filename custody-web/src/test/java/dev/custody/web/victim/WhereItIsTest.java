package dev.custody.web.victim;

import dev.custody.values.CustodyStage;
import dev.custody.values.Holder.HolderKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhereItIsTest {

    @Test
    void everyStageHasOneOfTheFivePlainAnswers() {
        assertThat(WhereItIs.of(CustodyStage.SEIZED, HolderKind.OFFICER)).isEqualTo(WhereItIs.WITH_POLICE);
        assertThat(WhereItIs.of(CustodyStage.SEIZED, HolderKind.PROPERTY_STORE)).isEqualTo(WhereItIs.WITH_POLICE);
        for (CustodyStage stage : new CustodyStage[]{CustodyStage.AT_LAB, CustodyStage.DOWNLOADING,
                CustodyStage.DOWNLOAD_FAILED, CustodyStage.DOWNLOADED, CustodyStage.VERIFIED, CustodyStage.EXAMINED}) {
            assertThat(WhereItIs.of(stage, HolderKind.LAB)).as(stage.name()).isEqualTo(WhereItIs.AT_LAB);
        }
        assertThat(WhereItIs.of(CustodyStage.EXAMINING, HolderKind.LAB)).isEqualTo(WhereItIs.BEING_EXAMINED);
        assertThat(WhereItIs.of(CustodyStage.READY_FOR_COLLECTION, HolderKind.OFFICER))
                .isEqualTo(WhereItIs.READY_TO_COLLECT);
        assertThat(WhereItIs.of(CustodyStage.RETURNED, HolderKind.OWNER)).isEqualTo(WhereItIs.RETURNED);
    }

    @Test
    void aDeviceTheLabHandedBackToTheOfficerIsWithThePolice() {
        assertThat(WhereItIs.of(CustodyStage.EXAMINED, HolderKind.OFFICER)).isEqualTo(WhereItIs.WITH_POLICE);
        assertThat(WhereItIs.of(CustodyStage.VERIFIED, HolderKind.COURIER)).isEqualTo(WhereItIs.WITH_POLICE);
    }
}
