package dev.berth.model.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostSelectorTest {
    private static HostIdentity host(String name, Map<String, String> labels) {
        return new HostIdentity(name, labels, "0123456789abcdef0123456789abcdef");
    }

    private static HostSelector names(String... globs) {
        return new HostSelector(List.of(globs), Map.of());
    }

    @Test
    void aStarStandsForAnyRunOfCharactersAndAQuestionMarkForOne() {
        assertThat(names("web-*").matches(host("web-1", Map.of()))).isTrue();
        assertThat(names("web-*").matches(host("web-", Map.of()))).isTrue();
        assertThat(names("web-*").matches(host("db-web-1", Map.of()))).isFalse();
        assertThat(names("web-?").matches(host("web-12", Map.of()))).isFalse();
        assertThat(names("web-?").matches(host("web-2", Map.of()))).isTrue();
        assertThat(names("*-fra1").matches(host("edge-fra1", Map.of()))).isTrue();
    }

    @Test
    void everyOtherCharacterOfAGlobIsLiteral() {
        assertThat(names("web.1").matches(host("webx1", Map.of()))).isFalse();
        assertThat(names("web.1").matches(host("web.1", Map.of()))).isTrue();
        assertThat(names("Web-1").matches(host("web-1", Map.of())))
                .as("host names are matched as written")
                .isFalse();
    }

    @Test
    void anyOfTheNamesMayMatch() {
        HostSelector selector = names("web-*", "edge-fra1");

        assertThat(selector.matches(host("edge-fra1", Map.of()))).isTrue();
        assertThat(selector.matches(host("web-3", Map.of()))).isTrue();
        assertThat(selector.matches(host("edge-ams1", Map.of()))).isFalse();
    }

    @Test
    void everyLabelMustMatchAndNamesAndLabelsMustBothMatch() {
        HostSelector selector = new HostSelector(List.of("web-*"), Map.of("role", "web", "site", "fra1"));

        assertThat(selector.matches(host("web-1", Map.of("role", "web", "site", "fra1", "ring", "canary"))))
                .isTrue();
        assertThat(selector.matches(host("web-1", Map.of("role", "web")))).isFalse();
        assertThat(selector.matches(host("web-1", Map.of("role", "web", "site", "ams1"))))
                .isFalse();
        assertThat(selector.matches(host("db-1", Map.of("role", "web", "site", "fra1"))))
                .isFalse();
    }

    @Test
    void labelsAloneSelectByLabelsAndNoSelectorSelectsEveryHost() {
        HostSelector web = new HostSelector(List.of(), Map.of("role", "web"));

        assertThat(web.matches(host("anything", Map.of("role", "web")))).isTrue();
        assertThat(web.matches(host("anything", Map.of()))).isFalse();
        assertThat(HostSelector.ANY.matches(host("anything", Map.of()))).isTrue();
        assertThat(HostSelector.ANY.isAny()).isTrue();
        assertThat(web.isAny()).isFalse();
    }

    @Test
    void aStarAmongTheNamesWithoutLabelsSelectsEveryHostToo() {
        assertThat(new HostSelector(List.of("web-*", "*"), Map.of()).isAny()).isTrue();
        assertThat(new HostSelector(List.of("*"), Map.of("role", "web")).isAny())
                .isFalse();
        assertThat(new HostSelector(List.of("*-1"), Map.of()).isAny()).isFalse();
    }

    @Test
    void twoSelectorsAreTheSameWhateverTheOrderOfTheirNames() {
        HostSelector one = new HostSelector(List.of("a", "b"), Map.of("role", "web"));

        assertThat(one.sameAs(new HostSelector(List.of("b", "a"), Map.of("role", "web"))))
                .isTrue();
        assertThat(one.sameAs(new HostSelector(List.of("a"), Map.of("role", "web"))))
                .isFalse();
        assertThat(one.sameAs(new HostSelector(List.of("a", "b"), Map.of("role", "db"))))
                .isFalse();
    }

    @Test
    void aSelectorAndAnIdentityDescribeThemselvesForPeople() {
        assertThat(new HostSelector(List.of("web-*", "edge-fra1"), Map.of("site", "fra1", "role", "web")).describe())
                .isEqualTo("names web-*, edge-fra1; labels role=web, site=fra1");
        assertThat(HostSelector.ANY.describe()).isEqualTo("every host");
        assertThat(host("web-1", Map.of("site", "fra1", "role", "web")).describe())
                .isEqualTo("web-1 (role=web, site=fra1)");
        assertThat(host("web-1", Map.of()).describe()).isEqualTo("web-1");
    }
}
