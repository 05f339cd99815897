package org.entente.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

/** Stacks for the tests: a broker alone, on free ports, under a test's home folder. */
final class TestStacks {

    private TestStacks() {
    }

    /** A broker and its topics, no service; progress to {@code out}. Add SASL, secrets or ports before building. */
    static LocalStack.Builder brokerOnly(Path home, OutputStream out) {
        return LocalStack.builder()
                .home(home)
                .brokerPort(FreePorts.next())
                .controllerPort(FreePorts.next())
                .services(EnumSet.noneOf(Service.class))
                .startTimeout(Duration.ofMinutes(2))
                .out(new PrintStream(out, true, StandardCharsets.UTF_8));
    }
}
