package org.entente.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The people who sign in with the form ({@code ENTENTE_USERS_n_*}, checked by {@link EntenteSecurityConfiguration}
 * when the service starts), each password encoded the first time someone signs in under that name, not at start-up:
 * bcrypt takes a tenth of a second per password or more, 10–15 % of a service's CPU samples while it came up
 * (bench/results/experiments/2026-12-06-vm-startup-aot.md). A password given already encoded ({@code {bcrypt}...})
 * is kept as it is. It does not change users while the service runs.
 */
final class FormUsers implements UserDetailsService {

    /** One configured user: the password as configured (plain, or already {@code {id}}-encoded) and the role. */
    record Account(String password, String authority) {
    }

    private final Map<String, Account> accounts;
    private final PasswordEncoder encoder;
    private final Map<String, String> encoded = new ConcurrentHashMap<>();

    FormUsers(Map<String, Account> accounts, PasswordEncoder encoder) {
        this.accounts = Map.copyOf(accounts);
        this.encoder = encoder;
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        Account account = name == null ? null : accounts.get(name);
        if (account == null) {
            throw new UsernameNotFoundException("no such user");
        }
        String password = encoded.computeIfAbsent(name, unused -> account.password().startsWith("{")
                ? account.password() : encoder.encode(account.password()));
        // A new UserDetails every time: Spring Security erases the credentials of the one it authenticated.
        return User.withUsername(name).password(password).authorities(account.authority()).build();
    }
}
