package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The directory with admins' edits on top of configuration: an edit replaces the configured contact of the same
 * organization and role, an organization's own contact (configured or edited) comes before the one for every
 * organization, and removing an edit brings the configured contact back.
 */
class DirectoryEditsTest {

    private final Map<String, Map<String, Contact>> edited = new HashMap<>();
    private final Directory directory = new Directory(
            Map.of("brand-manager", new Contact("brand-manager", "Configured Bo", "#brand")),
            Map.of("globex", Map.of("brand-manager", new Contact("brand-manager", "Globex's own", "#globex"))))
            .withEdits(organization -> edited.getOrDefault(organization, Map.of()));

    private void edit(String organization, String role, String name) {
        edited.computeIfAbsent(organization, o -> new HashMap<>()).put(role, new Contact(role, name, "#" + name));
    }

    @Test
    void withoutEditsTheConfigurationAnswers() {
        assertThat(directory.lookup("acme", "brand-manager")).get().extracting(Contact::name).isEqualTo("Configured Bo");
        assertThat(directory.entries("acme")).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo(Directory.Source.CONFIGURED))
                .satisfies(e -> assertThat(e.ownToOrganization()).isFalse());
    }

    @Test
    void anEditReplacesTheConfiguredContactOfTheSameOrganizationAndRole() {
        edit(null, "brand-manager", "Shared Edit");
        edit("acme", "cfo", "Acme CFO");

        assertThat(directory.lookup("acme", "brand-manager")).get().extracting(Contact::name).isEqualTo("Shared Edit");
        assertThat(directory.lookup("globex", "brand-manager")).get().extracting(Contact::name)
                .as("an organization's own configured contact comes before a shared edit").isEqualTo("Globex's own");
        assertThat(directory.lookup("acme", "cfo")).get().extracting(Contact::name).isEqualTo("Acme CFO");
        assertThat(directory.lookup("globex", "cfo")).isEmpty();
        assertThat(directory.entries("acme")).extracting(Directory.Entry::role).containsExactly("brand-manager", "cfo");
        assertThat(directory.entries(null)).as("for every organization").singleElement()
                .satisfies(e -> assertThat(e.contact().name()).isEqualTo("Shared Edit"));

        edit("globex", "brand-manager", "Globex Edit");
        assertThat(directory.lookup("globex", "brand-manager")).get().extracting(Contact::name).isEqualTo("Globex Edit");

        edited.clear();
        assertThat(directory.lookup("globex", "brand-manager")).get().extracting(Contact::name).isEqualTo("Globex's own");
        assertThat(directory.lookup("acme", "brand-manager")).get().extracting(Contact::name).isEqualTo("Configured Bo");
    }
}
