package org.entente.funnel.domain;

/** Someone to call when a rule of engagement fires: a name and a work channel or mailbox. */
public record Contact(String role, String name, String address) {
}
