package dev.custody.server.security;

import dev.custody.values.ForceCode;
import dev.custody.values.LabId;
import dev.custody.values.Role;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.Set;
import java.util.stream.Collectors;

/** A dev-mode user: a fixed name and password, with the force and lab a real identity provider would send as claims. */
class CustodyUser extends User {

    private final Set<Role> roles;
    private final ForceCode force;
    private final LabId lab;

    CustodyUser(String username, String password, Set<Role> roles, ForceCode force, LabId lab) {
        super(username, password, roles.stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .collect(Collectors.toSet()));
        this.roles = Set.copyOf(roles);
        this.force = force;
        this.lab = lab;
    }

    Set<Role> roles() {
        return roles;
    }

    ForceCode force() {
        return force;
    }

    LabId lab() {
        return lab;
    }
}
