package org.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The one-header origin stamp: it reads back as stamped, replaces a stamp the publisher sent, leaves the publisher's
 * own headers alone and is taken off again with the three-header form an earlier version wrote, which still reads.
 */
class OriginTest {

    private static Headers publishers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(
                StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void aStampReadsBackAsStampedAndLeavesThePublishersHeadersAsTheyWere() {
        Headers original = publishers();
        Origin origin = new Origin("entente.survey.responses.v1", 2, 123_456_789_012L);
        Headers stamped = origin.stampOn(new RecordHeaders(original.toArray()));
        assertThat(Origin.of(stamped)).contains(origin);
        assertThat(original.toArray()).as("the record's own headers are not changed").hasSize(1);
        assertThat(stamped.toArray()).hasSize(2);
        assertThat(names(Origin.without(stamped))).containsExactly("traceparent");
    }

    @Test
    void aStampThePublisherSentIsReplaced() {
        Headers spoofed = publishers();
        spoofed.add(Origin.HEADER, "elsewhere:0:0".getBytes(StandardCharsets.UTF_8));
        Origin origin = new Origin("entente.survey.assessments.v1", 0, 7);
        Headers stamped = origin.stampOn(spoofed);
        assertThat(Origin.of(stamped)).contains(origin);
        assertThat(stamped.headers(Origin.HEADER)).hasSize(1);
    }

    @Test
    void theThreeHeadersAnEarlierVersionWroteStillReadAndAreTakenOff() {
        Origin origin = new Origin("entente.survey.responses.v1", 3, 42);
        Headers earlier = publishers();
        earlier.add(Origin.LEGACY_TOPIC, origin.topic().getBytes(StandardCharsets.UTF_8));
        earlier.add(Origin.LEGACY_PARTITION, "3".getBytes(StandardCharsets.UTF_8));
        earlier.add(Origin.LEGACY_OFFSET, "42".getBytes(StandardCharsets.UTF_8));
        assertThat(Origin.of(earlier)).contains(origin);
        Headers restamped = origin.stampOn(new RecordHeaders(earlier.toArray()));
        assertThat(names(restamped)).containsExactly("traceparent", Origin.HEADER);
        assertThat(names(Origin.without(earlier))).containsExactly("traceparent");
    }

    @Test
    void anUnreadableStampIsNoOrigin() {
        for (String value : new String[] {"", "topic", "topic:1", ":1:2", "topic:x:2", "topic:1:"}) {
            Headers headers = new RecordHeaders();
            headers.add(Origin.HEADER, value.getBytes(StandardCharsets.UTF_8));
            assertThat(Origin.of(headers)).as(value).isEmpty();
        }
        assertThat(Origin.of(publishers())).isEmpty();
    }

    private static String[] names(Headers headers) {
        return Arrays.stream(headers.toArray()).map(Header::key).toArray(String[]::new);
    }
}
