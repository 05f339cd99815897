package org.entente.advice.config;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.entente.events.AdviceGenerated;
import org.entente.schemas.Topics;

/** The advice topic's value serde under a class name, as the binder's configuration needs it. */
public class AdviceValueSerde implements Serde<AdviceGenerated> {

    @Override
    public Serializer<AdviceGenerated> serializer() {
        return Topics.ADVICE.valueSerde().serializer();
    }

    @Override
    public Deserializer<AdviceGenerated> deserializer() {
        return Topics.ADVICE.valueSerde().deserializer();
    }
}
