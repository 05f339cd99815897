package org.entente.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * The plumbing every Entente service shares, auto-configured the way the {@code security} module is: a service gets
 * it by depending on this module and declares only what is its own.
 */
@AutoConfiguration
public class ServiceSupportConfiguration {
}
