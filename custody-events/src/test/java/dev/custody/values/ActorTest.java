package dev.custody.values;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ActorTest {

    private static final ForceCode DYFED = new ForceCode("dyfed-powys");
    private static final ForceCode MET = new ForceCode("met");

    @Test
    void everyoneButInspectorsSeesOnlyTheirOwnForce() {
        assertThat(new Actor("o", Set.of(Role.OFFICER), DYFED, null).canSee(DYFED)).isTrue();
        assertThat(new Actor("o", Set.of(Role.OFFICER), DYFED, null).canSee(MET)).isFalse();
        assertThat(new Actor("l", Set.of(Role.LAB), MET, new LabId("met-dfu")).canSee(DYFED)).isFalse();
        assertThat(new Actor("n", Set.of(Role.NOTIFIER), DYFED, null).canSee(DYFED)).isTrue();
    }

    @Test
    void inspectorsSeeEveryForce() {
        Actor inspector = new Actor("i", Set.of(Role.INSPECTOR), null, null);
        assertThat(inspector.canSee(DYFED)).isTrue();
        assertThat(inspector.canSee(MET)).isTrue();
    }

    @Test
    void aCallerWithoutAForceSeesNoForce() {
        Actor admin = new Actor("a", Set.of(Role.ADMIN), null, null);
        assertThat(admin.canSee(DYFED)).isFalse();
        assertThat(admin.canSee(null)).isFalse();
    }
}
