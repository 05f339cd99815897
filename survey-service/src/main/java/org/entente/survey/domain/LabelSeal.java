package org.entente.survey.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the organizer's labels on personal links before they are stored. People write names or email addresses
 * into those labels whatever the form says, so they are kept on the invitations topic only as AES-256-GCM ciphertext
 * under a key from the environment ({@code ENTENTE_SURVEY_LABEL_KEY}: the base64 of 32 random bytes). The token hash
 * of the link is bound to the ciphertext as associated data, so a sealed label cannot be copied onto another link.
 *
 * <p>A sealed label reads {@code v1.<base64 of a 12-byte nonce followed by the ciphertext and its tag>}. Without a
 * key ({@link #none()}) nothing can be sealed or opened; the service then refuses labels rather than store them in
 * clear. It does not rotate keys yet: a new key makes the labels sealed under the old one unreadable.
 */
public final class LabelSeal {

    /** The environment variable that holds the key; named in every message about it. */
    public static final String KEY_VARIABLE = "ENTENTE_SURVEY_LABEL_KEY";

    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private LabelSeal(SecretKeySpec key) {
        this.key = key;
    }

    /** No key: labels can be neither sealed nor opened. */
    public static LabelSeal none() {
        return new LabelSeal(null);
    }

    /**
     * The seal for a configured key, or {@link #none()} when the setting is empty. A key that is set but is not the
     * base64 of exactly 32 bytes is refused with a message saying what is expected (never repeating the key).
     */
    public static LabelSeal fromBase64(String configured) {
        if (configured == null || configured.isBlank()) {
            return none();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(KEY_VARIABLE + " (entente.survey.label-key) is set but is not "
                    + "base64; it must be the base64 of 32 random bytes, such as the output of "
                    + "'openssl rand -base64 32'");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(KEY_VARIABLE + " (entente.survey.label-key) is set but decodes to "
                    + bytes.length + " bytes; it must be the base64 of 32 random bytes, such as the output of "
                    + "'openssl rand -base64 32'");
        }
        return new LabelSeal(new SecretKeySpec(bytes, "AES"));
    }

    public boolean canSeal() {
        return key != null;
    }

    /** Whether a stored value is a sealed label (rather than a clear one written before labels were sealed). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The label sealed for the link with this token hash. */
    public String seal(String label, String tokenHash) {
        if (key == null) {
            throw new IllegalStateException("a label cannot be stored without " + KEY_VARIABLE);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, tokenHash);
            byte[] sealed = cipher.doFinal(label.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * The label in a sealed value, or empty when it cannot be read here: no key, another key, or a value that was
     * altered or belongs to another link.
     */
    public Optional<String> open(String sealed, String tokenHash) {
        if (key == null || !isSealed(sealed)) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            if (in.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            byte[] nonce = new byte[NONCE_BYTES];
            System.arraycopy(in, 0, nonce, 0, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, tokenHash);
            byte[] clear = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return Optional.of(new String(clear, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException unreadable) {
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String tokenHash) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(tokenHash.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return key == null ? "LabelSeal[no key]" : "LabelSeal[AES-256-GCM]"; // never the key
    }
}
