package dev.custody.web.layout;

import dev.custody.values.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The header's navigation, by role: each role has one home page, listed in this order. A person with several roles
 * sees a link for each, and {@code /} takes them to the first.
 */
public final class Navigation {

    /** One link of the service navigation. */
    public record Item(String label, String path) {
    }

    private static final String RETENTION = "/reports/retention";

    private static final List<RoleHome> HOMES = List.of(
            new RoleHome(Role.LAB, new Item("Lab queue", "/lab")),
            new RoleHome(Role.OFFICER, new Item("My devices", "/officer")),
            new RoleHome(Role.SUPERVISOR, new Item("Alerts", "/supervisor")),
            new RoleHome(Role.INSPECTOR, new Item("Retention", RETENTION)),
            // Supervisors see their own force's retention dashboard as well; a person with both roles, one link.
            new RoleHome(Role.SUPERVISOR, new Item("Retention", RETENTION)),
            new RoleHome(Role.ADMIN, new Item("Projections", "/admin")));

    private record RoleHome(Role role, Item item) {
    }

    private Navigation() {
    }

    /** The links for a signed-in person; empty when signed out. */
    public static List<Item> items(Authentication authentication) {
        Set<Role> roles = roles(authentication);
        List<Item> items = new ArrayList<>();
        for (RoleHome home : HOMES) {
            if (roles.contains(home.role()) && !items.contains(home.item())) {
                items.add(home.item());
            }
        }
        return items;
    }

    /** Where {@code /} sends this person, or empty when none of their roles has a page. */
    public static Optional<String> home(Authentication authentication) {
        return items(authentication).stream().findFirst().map(Item::path);
    }

    /** The Custody roles among the caller's {@code ROLE_x} authorities. */
    public static Set<Role> roles(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return roles;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                for (Role role : Role.values()) {
                    if (role.name().equals(name.substring(5))) {
                        roles.add(role);
                    }
                }
            }
        }
        return roles;
    }
}
