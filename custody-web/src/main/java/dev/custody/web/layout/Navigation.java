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
 * The header's navigation, by role: each role has its pages, its home page first, listed in this order. A person
 * with several roles sees the links of each, and {@code /} takes them to the first.
 */
public final class Navigation {

    /** One link of the service navigation. */
    public record Item(String label, String path) {
    }

    private static final String RETENTION = "/reports/retention";

    private static final List<RoleHome> HOMES = List.of(
            new RoleHome(Role.LAB, new Item("Lab queue", "/lab")),
            new RoleHome(Role.OFFICER, new Item("My devices", "/officer")),
            new RoleHome(Role.OFFICER, new Item("Search devices", "/officer/search")),
            new RoleHome(Role.SUPERVISOR, new Item("Alerts", "/supervisor")),
            new RoleHome(Role.SUPERVISOR, new Item("Alert log", "/supervisor/log")),
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

    /**
     * The link a page belongs to: the item whose path is the page's, or the longest that the page's path lies under
     * ({@code /supervisor/alerts/1} is under "Alerts", {@code /supervisor/log} is "Alert log"); null for none.
     */
    public static String active(List<Item> items, String path) {
        String active = null;
        if (path == null) {
            return null;
        }
        for (Item item : items) {
            boolean under = path.equals(item.path()) || path.startsWith(item.path() + "/");
            if (under && (active == null || item.path().length() > active.length())) {
                active = item.path();
            }
        }
        return active;
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
