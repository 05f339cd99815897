package org.entente.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * An identity provider for tests: a fresh RSA key whose public half is written as a PEM file (for Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and RS256 JWTs signed with it carrying
 * Entente roles in the {@code roles} claim.
 */
public final class TestJwts {

    private final KeyPair key = generate();
    private final Path publicKeyPem;

    public TestJwts(Path folder) {
        try {
            Files.createDirectories(folder);
            publicKeyPem = Files.createTempFile(folder, "jwt-public-", ".pem");
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded());
            Files.writeString(publicKeyPem, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public String publicKeyLocation() {
        return publicKeyPem.toUri().toString();
    }

    /** A token for {@code subject} with these role ids, valid for ten minutes. */
    public String token(String subject, String... roles) {
        return token(subject, Duration.ofMinutes(10), roles);
    }

    /** A token for {@code subject} with these role ids, valid for {@code validFor} from now (negative: expired). */
    public String token(String subject, Duration validFor, String... roles) {
        return sign(key, subject, Instant.now().plus(validFor), roles);
    }

    /** A token that expired ten minutes ago (well beyond the validator's clock skew). */
    public String expired(String subject, String... roles) {
        return token(subject, Duration.ofMinutes(-10), roles);
    }

    /** A well-formed token signed by a key this service does not trust. */
    public static String signedByAnotherKey(String subject, String... roles) {
        return sign(generate(), subject, Instant.now().plus(Duration.ofMinutes(10)), roles);
    }

    private static String sign(KeyPair key, String subject, Instant expiresAt, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://idp.example.test")
                .issueTime(Date.from(earlier(expiresAt, Instant.now()).minus(Duration.ofMinutes(20)))).expirationTime(Date.from(expiresAt))
                .claim("roles", List.of(roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
