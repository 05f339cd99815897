package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's command line and the few JSON fields the demo reads. */
class EntenteOptionsTest {

    @Test
    void readsTheCommandAndItsOptions() {
        Entente.Options options = Entente.Options.parse(new String[] {"up", "--demo", "--survey-port", "18081",
                "--broker-port", "19092"});
        assertThat(options.command()).isEqualTo("up");
        assertThat(options.demo()).isTrue();
        assertThat(options.brokerPort()).isEqualTo(19092);
        assertThat(options.port(Service.SURVEY)).isEqualTo(18081);
        assertThat(options.port(Service.FUNNEL)).isEqualTo(8084);
        assertThat(Entente.Options.parse(new String[] {"down"}).demo()).isFalse();
        assertThat(Entente.Options.parse(new String[] {"up", "--plaintext-kafka"}).plaintextKafka()).isTrue();
        assertThat(options.plaintextKafka()).isFalse();
        assertThat(options.classDataSharing()).isTrue();
        assertThat(Entente.Options.parse(new String[] {"up", "--no-class-data-sharing"}).classDataSharing()).isFalse();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Entente.Options.parse(new String[] {"start"}))
                .hasMessageContaining("unknown command: start");
        assertThatThrownBy(() -> Entente.Options.parse(new String[] {"up", "--colour", "red"}))
                .hasMessageContaining("unknown option: --colour");
        assertThatThrownBy(() -> Entente.Options.parse(new String[] {"up", "--funnel-port", "http"}))
                .hasMessageContaining("--funnel-port needs a port number, not http");
    }

    @Test
    void readsTheDemosFieldsFromJson() {
        String advice = """
                {"assessmentId":"a-1","currentStage":"DEFINED","recommendation":"MOVE_UP","targetStage":"ALIGNED",
                 "actions":[{"id":"sales-feedback","priority":1},{"id":"joint-assignments","priority":2}],"score": 51.5}""";
        assertThat(Demo.text(advice, "recommendation")).contains("MOVE_UP");
        assertThat(Demo.text(advice, "missing")).isEmpty();
        assertThat(Demo.number(advice, "score")).contains("51.5");
        assertThat(Demo.all(advice, "id")).isEqualTo(List.of("sales-feedback", "joint-assignments"));
    }
}
