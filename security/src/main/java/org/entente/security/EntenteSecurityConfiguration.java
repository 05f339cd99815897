package org.entente.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every Entente service's web security, from the service's {@link AccessPolicy} and the credentials in
 * {@link AccessProperties}:
 * <ul>
 * <li>bearer tokens: the static tokens of {@link AccessProperties}, then JWTs when Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} is configured (roles from {@code ENTENTE_ROLES_CLAIM});</li>
 * <li>sign-in for the pages: a form for the configured users, OIDC when {@code spring.security.oauth2.client.*}
 * registers a provider, both on {@link SignInPage}, which names the product and the service;</li>
 * <li>401 when credentials are missing or wrong, 403 when the caller's roles do not reach, with a problem+json body for
 * programs and a short page for people; a refused request never reaches a controller;</li>
 * <li>open without credentials: the service's own {@code anyone} rules (the respondent link), the liveness and
 * readiness probes (status only), the sign-in page and static files.</li>
 * </ul>
 * With no credentials configured at all, nothing but the open paths answers: the service fails closed and says so
 * in its log.
 *
 * <p>Two chains apply these rules: one for requests with an {@code Authorization} header (programs; no session, no
 * CSRF token) and one for everything else (people's sessions and anonymous callers).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AccessProperties.class)
public class EntenteSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EntenteSecurityConfiguration.class);

    /** What every service leaves open: probes (status only), the sign-in page, static files, the error page. */
    static final List<String> SHARED_OPEN_PATHS = List.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/webjars/**",
            "/images/**");

    /**
     * No observations of Spring Security's own: by default it wraps every filter of the chain in an observation and
     * adds a span event and a counter per filter, before and after, to every request (about a third of the
     * service's CPU at full intake load, bench/results/experiments/2026-12-05-vm-intake.md). The request itself is
     * still observed (the HTTP server observation: its timer and its span, which continues a caller's traceparent),
     * and a refusal is still a 401 or 403 in its status tag. A service may declare its own settings to have them
     * back.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings ententeSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder ententePasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The people who sign in with the form, from {@code ENTENTE_USERS_n_*}, checked now (a setting at fault stops the
     * service); empty when there are none. Passwords are encoded on first use ({@link FormUsers}).
     */
    @Bean
    UserDetailsService ententeUsers(AccessProperties properties, PasswordEncoder encoder) {
        Map<String, FormUsers.Account> users = new LinkedHashMap<>();
        for (int i = 0; i < properties.getUsers().size(); i++) {
            AccessProperties.User user = properties.getUsers().get(i);
            String at = "ENTENTE_USERS_" + i;
            if (isBlank(user.getName()) && isBlank(user.getPassword())) {
                continue; // a slot left empty, as a compose file passes an unset variable
            }
            if (user.getName() == null || user.getName().isBlank() || user.getPassword() == null
                    || user.getPassword().isBlank()) {
                throw new IllegalStateException(at + " needs a NAME and a PASSWORD");
            }
            Role role = Role.parse(user.getRole()).filter(r -> r != Role.PEER)
                    .orElseThrow(() -> new IllegalStateException(at + "_ROLE '" + user.getRole()
                            + "' is not one of admin, sales-viewer, marketing-viewer, intake"));
            if (users.putIfAbsent(user.getName(), new FormUsers.Account(user.getPassword(), role.authority())) != null) {
                throw new IllegalStateException(at + "_NAME '" + user.getName() + "' is configured twice");
            }
        }
        return new FormUsers(users, encoder);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    @Bean
    RelayCredentials ententeRelayCredentials(AccessProperties properties) {
        return new RelayCredentials(properties.getPeerToken());
    }

    /**
     * What both chains need, worked out once: the service's guards, the bearer authentication and the refusals.
     */
    @Bean
    EntenteAccess ententeAccess(ObjectProvider<AccessPolicy> policyProvider, AccessProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoders, ObjectProvider<ClientRegistrationRepository> oidcProviders,
            Environment environment) {
        List<Guard> guards = guards(policyProvider.getIfAvailable(AccessPolicy::adminsOnly));
        JwtDecoder jwtDecoder = jwtDecoders.getIfAvailable();
        boolean oidc = oidcProviders.getIfAvailable() != null;
        boolean forms = properties.getUsers().stream()
                .anyMatch(user -> !isBlank(user.getName()) || !isBlank(user.getPassword()));
        StaticTokens tokens = new StaticTokens(properties, jwtDecoder != null);
        describe(environment, tokens, jwtDecoder != null, forms, oidc);
        AuthenticationEntryPoint refuseUnauthenticated = (request, response, failure) -> {
            boolean presented = ProgramCalls.isProgramCall(request);
            response.setHeader("WWW-Authenticate", presented ? "Bearer error=\"invalid_token\"" : "Bearer");
            String message = presented ? "the credentials were refused: " + reason(failure)
                    : "this needs credentials: sign in, or send 'Authorization: Bearer <token>'";
            Refusals.write(request, response, HttpStatus.UNAUTHORIZED, message);
        };
        return new EntenteAccess(guards, bearerAuthentication(tokens, jwtDecoder, properties.getRolesClaim()),
                refuseUnauthenticated, forms, oidc);
    }

    /**
     * The chain for requests that carry an {@code Authorization} header: programs, and one instance relaying to
     * another. They prove who they are on every request, so this chain keeps no session, asks for no CSRF token (a
     * forged cross-site request cannot carry the header), remembers no request to return to after a sign-in and has
     * no sign-out. A refused call leaves nothing behind on the server: in one chain for everyone, a page asked for
     * with a wrong token was remembered for after a sign-in, in a new session per call.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    SecurityFilterChain ententeProgramChain(HttpSecurity http, EntenteAccess access) throws Exception {
        http.securityMatcher(ProgramCalls::isProgramCall);
        access.authorize(http);
        http.oauth2ResourceServer(resource -> resource.authenticationManagerResolver(request -> access.bearer())
                .authenticationEntryPoint(access.refuseUnauthenticated()));
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.disable());
        http.requestCache(cache -> cache.requestCache(new NullRequestCache()));
        http.logout(logout -> logout.disable()); // there is nothing to sign out of
        http.exceptionHandling(exceptions -> exceptions
                .defaultAuthenticationEntryPointFor(access.refuseUnauthenticated(), AnyRequestMatcher.INSTANCE)
                .accessDeniedHandler(accessDenied(access.guards(), access.refuseUnauthenticated())));
        return http.build();
    }

    /** The chain for everyone else: people with a session (form or OIDC sign-in), and anonymous callers. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 101)
    SecurityFilterChain ententeFilterChain(HttpSecurity http, EntenteAccess access,
            ObjectProvider<ClientRegistrationRepository> oidcProviders, AccessProperties properties,
            Environment environment) throws Exception {
        access.authorize(http);
        if (access.forms()) {
            http.formLogin(form -> form.loginPage("/login").permitAll());
        }
        if (access.oidc()) {
            http.oauth2Login(login -> login.loginPage("/login").userInfoEndpoint(info -> info.userAuthoritiesMapper(
                    authorities -> oidcRoles(authorities, properties.getRolesClaim()))).permitAll());
        }
        if (access.forms() || access.oidc()) {
            // Our own sign-in page, which names the product and the service (Spring Security's names neither).
            http.addFilterBefore(new SignInPage(environment.getProperty("spring.application.name", "this service"),
                    access.forms(), oidcProviders.getIfAvailable()), DefaultLoginPageGeneratingFilter.class);
        }
        http.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());

        AuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint("/login");
        boolean interactive = access.forms() || access.oidc();
        AuthenticationEntryPoint askForCredentials = (request, response, failure) -> {
            if (interactive && Refusals.wantsPage(request)) {
                signIn.commence(request, response, failure);
            } else {
                access.refuseUnauthenticated().commence(request, response, failure);
            }
        };
        // Registered as the first default entry point, not as *the* entry point, so that the form and OIDC
        // configurers' own entry points stay out of the way.
        http.exceptionHandling(exceptions -> exceptions
                .defaultAuthenticationEntryPointFor(askForCredentials, AnyRequestMatcher.INSTANCE)
                .accessDeniedHandler(accessDenied(access.guards(), askForCredentials)));
        return http.build();
    }

    /**
     * The guards, the bearer authentication and the refusal of a missing or wrong credential, shared by the two
     * chains; {@code forms} and {@code oidc} say how people sign in.
     */
    record EntenteAccess(List<Guard> guards, AuthenticationManager bearer,
            AuthenticationEntryPoint refuseUnauthenticated, boolean forms, boolean oidc) {

        /** The service's rules, then Admin for everything else. */
        void authorize(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(authorize -> {
                for (Guard guard : guards) {
                    AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url = authorize
                            .requestMatchers(guard.matcher());
                    if (guard.rule().open()) {
                        url.permitAll();
                    } else {
                        url.hasAnyAuthority(
                                guard.rule().roles().stream().map(Role::authority).toArray(String[]::new));
                    }
                }
                authorize.anyRequest().hasAuthority(Role.ADMIN.authority());
            });
        }
    }

    /** The service's rules first (in its order), then the shared open paths. */
    private static List<Guard> guards(AccessPolicy policy) {
        List<Guard> guards = new ArrayList<>();
        for (AccessPolicy.Rule rule : policy.rules()) {
            guards.add(new Guard(PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern()),
                    rule));
        }
        for (String path : SHARED_OPEN_PATHS) {
            AccessPolicy.Rule rule = new AccessPolicy.Rule(null, path, true, Set.of());
            guards.add(new Guard(PathPatternRequestMatcher.withDefaults().matcher(path), rule));
        }
        return guards;
    }

    private record Guard(RequestMatcher matcher, AccessPolicy.Rule rule) {
    }

    private static AccessDeniedHandler accessDenied(List<Guard> guards, AuthenticationEntryPoint askForCredentials) {
        return (request, response, denied) -> {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = caller == null || caller instanceof AnonymousAuthenticationToken
                    || !caller.isAuthenticated();
            Set<Role> needed = neededRoles(guards, request);
            if (denied instanceof CsrfException && anonymous && !needed.isEmpty()) {
                // The CSRF check runs before authorization: a stranger's write to a guarded endpoint lacks
                // credentials first of all, and hears that rather than a story about an expired form.
                askForCredentials.commence(request, response,
                        new InsufficientAuthenticationException("no credentials", denied));
                return;
            }
            String message = denied instanceof CsrfException
                    ? "the form had expired or did not come from this site; reload the page and try again"
                    : "signed in as " + (anonymous ? "nobody" : Refusals.who(caller)) + ", and this needs "
                            + Refusals.titles(needed);
            Refusals.write(request, response, HttpStatus.FORBIDDEN, message);
        };
    }

    static Set<Role> neededRoles(List<Guard> guards, HttpServletRequest request) {
        for (Guard guard : guards) {
            if (guard.matcher().matches(request)) {
                return guard.rule().roles();
            }
        }
        return Set.of(Role.ADMIN);
    }

    private static AuthenticationManager bearerAuthentication(StaticTokens tokens, JwtDecoder jwtDecoder,
            String rolesClaim) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(tokens);
        if (jwtDecoder != null) {
            JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder);
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(token -> ClaimRoles.authorities(token.getClaims(), rolesClaim));
            converter.setPrincipalClaimName("sub");
            jwt.setJwtAuthenticationConverter(converter);
            providers.add(jwt);
        }
        return new ProviderManager(providers);
    }

    private static Collection<? extends GrantedAuthority> oidcRoles(Collection<? extends GrantedAuthority> granted,
            String rolesClaim) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>();
        for (GrantedAuthority authority : granted) {
            if (authority instanceof OidcUserAuthority oidc) {
                mapped.addAll(ClaimRoles.authorities(oidc.getIdToken().getClaims(), rolesClaim));
                if (oidc.getUserInfo() != null) {
                    mapped.addAll(ClaimRoles.authorities(oidc.getUserInfo().getClaims(), rolesClaim));
                }
            }
        }
        return mapped;
    }

    private static String reason(Exception failure) {
        if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            return oauth.getError().getDescription();
        }
        return Optional.ofNullable(failure.getMessage()).orElse("not accepted");
    }

    private static void describe(Environment environment, StaticTokens tokens, boolean jwt, boolean forms,
            boolean oidc) {
        List<String> ways = new ArrayList<>();
        if (!tokens.isEmpty()) {
            ways.add("static bearer tokens");
        }
        if (jwt) {
            ways.add("JWT bearer tokens");
        }
        if (forms) {
            ways.add("form sign-in");
        }
        if (oidc) {
            ways.add("OIDC sign-in");
        }
        String service = environment.getProperty("spring.application.name", "this service");
        if (ways.isEmpty()) {
            log.warn("{} has no credentials configured (ENTENTE_API_TOKEN, ENTENTE_USERS_n_*, a JWT issuer or an"
                    + " OIDC provider): every request but the open paths will be refused", service);
        } else {
            log.info("{} accepts {}", service, String.join(", ", ways));
        }
    }
}
