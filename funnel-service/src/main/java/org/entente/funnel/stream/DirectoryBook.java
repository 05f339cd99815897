package org.entente.funnel.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.entente.events.DirectoryContact;
import org.entente.funnel.domain.Contact;
import org.entente.funnel.domain.DirectoryEdits;

/**
 * The who-to-call entries admins edited, kept on {@code entente.funnel.directory.v1} and read whole by every instance
 * ({@link CompactedTable}), so the topology names the edited contact in an engagement request on whichever instance
 * the lead is processed. Keyed {@code <organization>/<role>}, with {@value #EVERY_ORGANIZATION} as the organization
 * of an entry for every organization. An edit reaches the topology when the instance has read it: an event processed
 * before that still names the contact as it was.
 */
public final class DirectoryBook implements DirectoryEdits {

    /** The organization part of the key of an entry for every organization. */
    public static final String EVERY_ORGANIZATION = "*";

    private final CompactedTable<DirectoryContact> table;

    public DirectoryBook(CompactedTable<DirectoryContact> table) {
        this.table = table;
    }

    @Override
    public Map<String, Contact> of(String organization) {
        return table.values().values().stream()
                .filter(c -> Objects.equals(c.getOrganization(), organization))
                .collect(Collectors.toMap(DirectoryContact::getRole,
                        c -> new Contact(c.getRole(), c.getName(), c.getAddress()), (a, b) -> b));
    }

    /** Sets (replaces) an organization's contact for a role, or (organization null) the one for every organization. */
    public void put(String organization, Contact contact) {
        table.put(key(organization, contact.role()), DirectoryContact.newBuilder()
                .setOrganization(organization)
                .setRole(contact.role())
                .setName(contact.name())
                .setAddress(contact.address())
                .setUpdatedAt(Instant.now())
                .build());
    }

    /** Removes an edit, bringing back the configured entry if there is one; true when there was an edit. */
    public boolean remove(String organization, String role) {
        String key = key(organization, role);
        if (table.get(key) == null) {
            return false;
        }
        table.remove(key);
        return true;
    }

    static String key(String organization, String role) {
        return (organization == null ? EVERY_ORGANIZATION : organization) + "/" + role;
    }
}
