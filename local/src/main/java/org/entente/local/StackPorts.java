package org.entente.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stack's ports: refused before anything starts when two parts share one or another program holds one. */
final class StackPorts {

    private StackPorts() {
    }

    static void refuseTaken(StackSettings settings) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(settings.brokerPort(), "the Kafka broker");
        ports.put(settings.controllerPort(), "the Kafka controller");
        for (Service service : settings.services()) {
            String other = ports.put(settings.port(service), service.module());
            if (other != null) {
                throw new LocalStackException("port " + settings.port(service) + " is given to both " + other + " and "
                        + service.module());
            }
        }
        for (Map.Entry<Integer, String> port : ports.entrySet()) {
            if (!isFree(port.getKey())) {
                throw new LocalStackException("port " + port.getKey() + " (for " + port.getValue()
                        + ") is already in use by another program. Stop that program, or give the stack another"
                        + " port (./entente help lists the options).");
            }
        }
    }

    /** True if nothing listens on the port, on the loopback address nor on every address. */
    static boolean isFree(int port) {
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
