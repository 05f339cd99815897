package org.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repartition value layout ({@link OriginPrefix}) byte for byte, and what is not prefixed. */
class OriginPrefixTest {

    @Test
    void theLayoutByteForByte() {
        byte[] original = {(byte) 0xC3, 0x01, 0x2A};
        byte[] stamped = OriginPrefix.prefix(new Origin("t.x", 258, 0x0102030405060708L), original);
        assertThat(HexFormat.of().formatHex(stamped))
                .isEqualTo("0001" + "03" + "742e78" + "00000102" + "0102030405060708" + "c3012a");
        OriginPrefix.Stamped read = OriginPrefix.read(stamped);
        assertThat(read.origin()).isEqualTo(new Origin("t.x", 258, 0x0102030405060708L));
        assertThat(read.original()).containsExactly(0xC3, 0x01, 0x2A);
    }

    @Test
    void contractTopicsOtherTopicsAndLargeNumbersReadBack() {
        for (String topic : List.of(Topics.RESPONSES.name(), Topics.ASSESSMENTS.name(), Topics.FUNNEL_EVENTS.name(),
                "other")) {
            Origin origin = new Origin(topic, Integer.MAX_VALUE, Long.MAX_VALUE);
            OriginPrefix.Stamped read = OriginPrefix.read(OriginPrefix.prefix(origin, new byte[0]));
            assertThat(read.origin()).isEqualTo(origin);
            assertThat(read.original()).isEmpty();
        }
    }

    @Test
    void whatIsNotPrefixedReadsAsNothing() {
        byte[] event = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x41};
        assertThat(OriginPrefix.read(event)).as("an event as published (C3 01 ...)").isNull();
        assertThat(OriginPrefix.read(null)).isNull();
        byte[] stamped = OriginPrefix.prefix(new Origin(Topics.RESPONSES.name(), 1, 2), event);
        int topicEnds = 3 + Topics.RESPONSES.name().length();
        for (int cut : new int[] {0, 2, 3, topicEnds, topicEnds + 11}) {
            assertThat(OriginPrefix.read(Arrays.copyOf(stamped, cut))).as("cut at %d", cut).isNull();
        }
        byte[] otherVersion = stamped.clone();
        otherVersion[1] = 2;
        assertThat(OriginPrefix.read(otherVersion)).as("a version this one does not know").isNull();
    }
}
