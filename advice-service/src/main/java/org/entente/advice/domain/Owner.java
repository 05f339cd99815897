package org.entente.advice.domain;

/** Who carries out a playbook action. */
public enum Owner {
    SALES,
    MARKETING,
    JOINT,
    EXECUTIVE
}
