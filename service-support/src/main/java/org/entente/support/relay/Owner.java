package org.entente.support.relay;

import org.apache.kafka.streams.state.HostInfo;

/** Which instance answers for a key: this one, or the one at {@link There#host()}. */
public sealed interface Owner {

    /** This instance holds the key's state (or it is the only instance: it advertises no address). */
    record Here() implements Owner {
    }

    /** Another instance holds the key's state; {@code host} is its advertised {@code application.server}. */
    record There(HostInfo host) implements Owner {
    }

    Owner HERE = new Here();
}
