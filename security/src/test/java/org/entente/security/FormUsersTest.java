package org.entente.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The form's users: no password is encoded at start-up; each once, when someone first signs in under its name. */
class FormUsersTest {

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger encodings = new AtomicInteger();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            encodings.incrementAndGet();
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return bcrypt.matches(raw, encoded);
        }
    };

    @Test
    void aPasswordIsEncodedOnceWhenItsUserFirstSignsInNotBefore() {
        FormUsers users = new FormUsers(Map.of("admin", new FormUsers.Account("s3cret-admin", Role.ADMIN.authority()),
                "sales", new FormUsers.Account("s3cret-sales", Role.SALES_VIEWER.authority())), counting);
        assertThat(encodings).hasValue(0);

        UserDetails admin = users.loadUserByUsername("admin");
        assertThat(bcrypt.matches("s3cret-admin", admin.getPassword())).isTrue();
        assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly(Role.ADMIN.authority());
        UserDetails again = users.loadUserByUsername("admin");
        assertThat(again).isNotSameAs(admin);
        assertThat(again.getPassword()).isEqualTo(admin.getPassword());
        assertThat(encodings).hasValue(1);
    }

    @Test
    void anAlreadyEncodedPasswordIsKeptAndAnUnknownNameIsRefused() {
        String encoded = bcrypt.encode("s3cret-marketing");
        FormUsers users = new FormUsers(Map.of("marketing",
                new FormUsers.Account(encoded, Role.MARKETING_VIEWER.authority())), counting);
        assertThat(users.loadUserByUsername("marketing").getPassword()).isEqualTo(encoded);
        assertThat(encodings).hasValue(0);
        assertThatThrownBy(() -> users.loadUserByUsername("mallory")).isInstanceOf(UsernameNotFoundException.class);
    }
}
