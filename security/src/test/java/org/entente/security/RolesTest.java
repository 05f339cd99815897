package org.entente.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class RolesTest {

    @Test
    void rolesAreReadHoweverTheyAreWritten() {
        assertThat(Role.parse("sales-viewer")).contains(Role.SALES_VIEWER);
        assertThat(Role.parse(" MARKETING_VIEWER ")).contains(Role.MARKETING_VIEWER);
        assertThat(Role.parse("ROLE_ADMIN")).contains(Role.ADMIN);
        assertThat(Role.parse("boss")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
        assertThat(Role.ofAuthority("SCOPE_admin")).isEmpty();
    }

    @Test
    void claimsGiveOnlyEntenteRolesAndNeverPeer() {
        assertThat(names(ClaimRoles.authorities(Map.of("roles", List.of("admin", "peer", "other")), "roles")))
                .containsExactly("ROLE_ADMIN");
        assertThat(names(ClaimRoles.authorities(Map.of("roles", "sales-viewer, marketing-viewer"), "roles")))
                .containsExactly("ROLE_SALES_VIEWER", "ROLE_MARKETING_VIEWER");
        assertThat(names(ClaimRoles.authorities(Map.of("realm_access", Map.of("roles", List.of("intake"))),
                "realm_access.roles"))).containsExactly("ROLE_INTAKE");
        assertThat(ClaimRoles.authorities(Map.of("roles", 42), "roles")).isEmpty();
        assertThat(ClaimRoles.authorities(Map.of(), "realm_access.roles")).isEmpty();
    }

    @Test
    void aMisconfiguredUserStopsTheStartWithTheSettingToFix() {
        AccessProperties properties = new AccessProperties();
        AccessProperties.User user = new AccessProperties.User();
        user.setName("dana");
        user.setPassword("secret");
        user.setRole("boss");
        properties.getUsers().add(user);
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        var configuration = new EntenteSecurityConfiguration();
        assertThatThrownBy(() -> configuration.ententeUsers(properties, encoder))
                .hasMessageContaining("ENTENTE_USERS_0_ROLE 'boss'");
        user.setRole("peer");
        assertThatThrownBy(() -> configuration.ententeUsers(properties, encoder))
                .hasMessageContaining("is not one of");
        user.setRole("admin");
        user.setPassword(" ");
        assertThatThrownBy(() -> configuration.ententeUsers(properties, encoder))
                .hasMessageContaining("ENTENTE_USERS_0 needs a NAME and a PASSWORD");
        assertThat(user.toString()).doesNotContain("secret");
    }

    @Test
    void aPlainPasswordIsHashedBeforeItIsKept() {
        AccessProperties properties = new AccessProperties();
        AccessProperties.User user = new AccessProperties.User();
        user.setName("dana");
        user.setPassword("secret");
        user.setRole("admin");
        properties.getUsers().add(user);
        var users = new EntenteSecurityConfiguration().ententeUsers(properties,
                PasswordEncoderFactories.createDelegatingPasswordEncoder());
        assertThat(users.loadUserByUsername("dana").getPassword()).startsWith("{bcrypt}").doesNotContain("secret");
    }

    private static List<String> names(java.util.Collection<GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
