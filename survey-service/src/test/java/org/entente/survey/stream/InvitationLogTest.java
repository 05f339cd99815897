package org.entente.survey.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.survey.domain.Invitation;
import org.entente.survey.domain.LabelSeal;
import org.entente.survey.domain.Tokens;
import org.junit.jupiter.api.Test;

/** The internal invitations record: labels sealed on the way out, old clear ones still read, never the token. */
class InvitationLogTest {

    private static final LabelSeal SEAL = LabelSeal.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
    private static final String TOKEN = Tokens.newToken();
    private static final Invitation LABELLED = new Invitation(Tokens.hash(TOKEN), "abc123", "a-1",
            Invitation.Kind.PERSONAL, BusinessFunction.SALES, Role.HEAD, "r-1", "jane@example.com",
            Instant.parse("2026-03-01T09:00:00Z"), null);

    @Test
    void a_label_is_stored_sealed_and_read_back() {
        byte[] stored = InvitationLog.encode(LABELLED, SEAL);

        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("jane").doesNotContain("example.com").doesNotContain(TOKEN)
                .contains(LABELLED.tokenHash()).contains("\"format\":2");
        assertThat(InvitationLog.decode(stored, SEAL)).isEqualTo(LABELLED);
    }

    @Test
    void without_the_key_a_sealed_label_is_left_out_and_the_link_still_loads() {
        Invitation read = InvitationLog.decode(InvitationLog.encode(LABELLED, SEAL), LabelSeal.none());

        assertThat(read.label()).isNull();
        assertThat(read).isEqualTo(LABELLED.withoutLabel());
    }

    @Test
    void a_label_cannot_be_stored_without_a_key_but_an_unlabelled_link_can() {
        assertThatThrownBy(() -> InvitationLog.encode(LABELLED, LabelSeal.none()))
                .hasMessageContaining("ENTENTE_SURVEY_LABEL_KEY");
        Invitation unlabelled = LABELLED.withoutLabel();
        assertThat(InvitationLog.decode(InvitationLog.encode(unlabelled, LabelSeal.none()), LabelSeal.none()))
                .isEqualTo(unlabelled);
    }

    @Test
    void records_written_before_labels_were_sealed_still_load() {
        String formatOne = """
                {"format":1,"tokenHash":"%s","invitationId":"abc123","assessmentId":"a-1","kind":"PERSONAL",
                 "function":"SALES","role":"HEAD","respondentId":"r-1","label":"jane@example.com",
                 "createdAt":"2026-03-01T09:00:00Z","usedAt":"2026-03-02T10:00:00Z"}""".formatted(LABELLED.tokenHash());

        Invitation read = InvitationLog.decode(formatOne.getBytes(StandardCharsets.UTF_8), SEAL);

        assertThat(read).isEqualTo(LABELLED.usedAt(Instant.parse("2026-03-02T10:00:00Z")));
        assertThat(InvitationLog.decode(formatOne.getBytes(StandardCharsets.UTF_8), LabelSeal.none()).label())
                .isEqualTo("jane@example.com");
        // Written again (as when the link is used), it is sealed.
        assertThat(new String(InvitationLog.encode(read, SEAL), StandardCharsets.UTF_8)).doesNotContain("jane");
    }
}
