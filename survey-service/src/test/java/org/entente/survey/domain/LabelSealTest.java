package org.entente.survey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Sealing labels: what goes in comes out with the same key and link, and nothing else opens it. */
class LabelSealTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of thirty-two bytes!"
            .getBytes());

    @Test
    void a_sealed_label_opens_with_its_key_and_link_only() {
        LabelSeal seal = LabelSeal.fromBase64(KEY);

        String sealed = seal.seal("Jane Doe <jane@example.com>", "hash-1");

        assertThat(sealed).startsWith("v1.").doesNotContain("Jane").doesNotContain("example");
        assertThat(LabelSeal.isSealed(sealed)).isTrue();
        assertThat(seal.open(sealed, "hash-1")).contains("Jane Doe <jane@example.com>");
        assertThat(seal.open(sealed, "hash-2")).as("moved to another link").isEmpty();
        assertThat(LabelSeal.fromBase64(OTHER_KEY).open(sealed, "hash-1")).as("another key").isEmpty();
        assertThat(LabelSeal.none().open(sealed, "hash-1")).as("no key").isEmpty();
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(seal.open(tampered, "hash-1")).isEmpty();
        assertThat(seal.open("v1.not base64!", "hash-1")).isEmpty();
    }

    @Test
    void the_same_label_seals_differently_each_time() {
        LabelSeal seal = LabelSeal.fromBase64(KEY);

        assertThat(seal.seal("desk 4", "h")).isNotEqualTo(seal.seal("desk 4", "h"));
    }

    @Test
    void no_key_seals_nothing() {
        assertThat(LabelSeal.fromBase64("").canSeal()).isFalse();
        assertThat(LabelSeal.fromBase64(null).canSeal()).isFalse();
        assertThatThrownBy(() -> LabelSeal.none().seal("desk 4", "h")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ENTENTE_SURVEY_LABEL_KEY");
    }

    @Test
    void a_malformed_key_is_refused_with_a_message_that_does_not_repeat_it() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> LabelSeal.fromBase64(short16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ENTENTE_SURVEY_LABEL_KEY").hasMessageContaining("16 bytes")
                .hasMessageContaining("32").hasMessageNotContaining(short16);
        assertThatThrownBy(() -> LabelSeal.fromBase64("not*base64*at*all")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("ENTENTE_SURVEY_LABEL_KEY")
                .hasMessageContaining("not base64").hasMessageNotContaining("not*base64*at*all");
        assertThat(LabelSeal.fromBase64(KEY).toString()).doesNotContain(KEY);
    }
}
