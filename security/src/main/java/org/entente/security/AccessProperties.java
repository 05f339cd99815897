package org.entente.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials a service accepts, all from the environment (or a Kubernetes Secret mapped into it), never from a
 * file in the repository:
 * <ul>
 * <li>{@code ENTENTE_API_TOKEN}: a static bearer token with the admin role (the one-machine stack prints it);</li>
 * <li>{@code ENTENTE_INTAKE_TOKEN}: a static bearer token for applications that only submit events;</li>
 * <li>{@code ENTENTE_PEER_TOKEN}: what instances of one service present to each other when relaying a query;</li>
 * <li>{@code ENTENTE_USERS_0_NAME}, {@code ENTENTE_USERS_0_PASSWORD}, {@code ENTENTE_USERS_0_ROLE}, ...: people who
 * sign in with a form (a password is either plain text, hashed at start-up, or already encoded as
 * {@code {bcrypt}...});</li>
 * <li>{@code ENTENTE_ROLES_CLAIM}: the JWT / ID-token claim that lists a caller's roles ({@code roles}).</li>
 * </ul>
 * JWT validation and OIDC sign-in use Spring Boot's own {@code spring.security.oauth2.*} settings.
 */
@ConfigurationProperties("entente")
public class AccessProperties {

    private String apiToken;
    private String intakeToken;
    private String peerToken;
    private String rolesClaim = "roles";
    private List<User> users = new ArrayList<>();

    public static class User {
        private String name;
        private String password;
        private String role;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        @Override
        public String toString() {
            return "User[" + name + ", " + role + "]"; // never the password
        }
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    public String getIntakeToken() {
        return intakeToken;
    }

    public void setIntakeToken(String intakeToken) {
        this.intakeToken = intakeToken;
    }

    public String getPeerToken() {
        return peerToken;
    }

    public void setPeerToken(String peerToken) {
        this.peerToken = peerToken;
    }

    public String getRolesClaim() {
        return rolesClaim;
    }

    public void setRolesClaim(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }
}
