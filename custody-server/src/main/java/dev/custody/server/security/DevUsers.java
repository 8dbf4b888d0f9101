package dev.custody.server.security;

import dev.custody.values.ForceCode;
import dev.custody.values.LabId;
import dev.custody.values.Role;

import java.util.List;
import java.util.Set;

/**
 * The documented fixed users of dev mode ({@code custody.security.dev-users=true}). Never enable in production:
 * there, a force's identity provider issues JWTs.
 */
public final class DevUsers {

    public static final String PASSWORD = "custody";

    /** One documented user. */
    public record DevUser(String username, Role role, String force, String lab) {
    }

    public static final List<DevUser> ALL = List.of(
            new DevUser("officer", Role.OFFICER, "dyfed-powys", null),
            new DevUser("lab", Role.LAB, "dyfed-powys", "dyfed-powys-dfu"),
            new DevUser("supervisor", Role.SUPERVISOR, "dyfed-powys", null),
            new DevUser("inspector", Role.INSPECTOR, null, null),
            new DevUser("met-officer", Role.OFFICER, "met", null),
            new DevUser("met-lab", Role.LAB, "met", "met-dfu"),
            new DevUser("met-supervisor", Role.SUPERVISOR, "met", null),
            new DevUser("admin", Role.ADMIN, null, null),
            new DevUser("scraper", Role.METRICS, null, null));

    private DevUsers() {
    }

    static CustodyUser toUser(DevUser u) {
        return new CustodyUser(u.username(), "{noop}" + PASSWORD, Set.of(u.role()),
                u.force() == null ? null : new ForceCode(u.force()),
                u.lab() == null ? null : new LabId(u.lab()));
    }
}
