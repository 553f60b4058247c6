package dev.berth.agent.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LazyTest {
    private final List<String> events = new ArrayList<>();
    private final Lazy<String> client = new Lazy<>(
            () -> {
                events.add("built");
                return "client";
            },
            c -> events.add("closed " + c));

    @Test
    void nothingIsBuiltUntilTheFirstUse() {
        client.ifBuilt(c -> events.add("used " + c));

        assertThat(events).isEmpty();
    }

    @Test
    void theFirstUseBuildsTheClientAndLaterUsesShareIt() {
        assertThat(client.get()).isEqualTo("client");
        assertThat(client.get()).isEqualTo("client");
        client.ifBuilt(c -> events.add("used " + c));

        assertThat(events).containsExactly("built", "used client");
    }

    @Test
    void closingClosesOnlyABuiltClient() {
        client.close();

        assertThat(events).isEmpty();
    }

    @Test
    void closingClosesTheBuiltClientAndLaterUsesFail() {
        client.get();

        client.close();

        assertThat(events).containsExactly("built", "closed client");
        assertThatThrownBy(client::get).isInstanceOf(IllegalStateException.class);
    }
}
