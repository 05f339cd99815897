package org.entente.scoring.stream;

/** A message the scoring processor sends: already-encoded bytes and the topic they go to. */
record Outbound(String topic, byte[] bytes) {
}
