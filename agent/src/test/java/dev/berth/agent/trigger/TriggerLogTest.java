package dev.berth.agent.trigger;

import static dev.berth.agent.trigger.TriggerWorld.HOST;
import static dev.berth.agent.trigger.TriggerWorld.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** One line per accepted trigger, warnings for refused ones that a flood cannot multiply, and never a secret. */
class TriggerLogTest {
    private static final String PUSH = "{\"ref\":\"refs/heads/main\"}";

    @TempDir
    Path tmp;

    private final Logger berth = (Logger) LoggerFactory.getLogger("berth");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private TriggerWorld world;

    @BeforeEach
    void start() throws Exception {
        logged.start();
        berth.addAppender(logged);
        world = new TriggerWorld(tmp, new RecordingWakeup());
    }

    @AfterEach
    void stop() {
        world.close();
        berth.detachAppender(logged);
    }

    @Test
    void anAcceptedTriggerIsOneLineWithItsDeliveryAndAddress() throws Exception {
        world.deliver(PUSH, "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        assertThat(lines(Level.INFO))
                .containsExactly(
                        "trigger from " + HOST + " (delivery 72d3162e-cc78-11e3-81ab-4c9367dc0958): a pass starts now");
    }

    @Test
    void aRefusedTriggerIsAWarningWithTheReasonAndAddress() throws Exception {
        world.post(PUSH, Map.of(Signature.HEADER, "sha256=" + "0".repeat(64)));

        assertThat(lines(Level.WARN))
                .singleElement()
                .asString()
                .startsWith("trigger from " + HOST + " refused with 401: the signature does not match the body");
    }

    @Test
    void aFloodOfBadRequestsGetsOneWarningAndTheNextOneCountsTheRest() throws Exception {
        for (int i = 0; i < 50; i++) {
            world.post(PUSH, Map.of());
        }
        assertThat(lines(Level.WARN)).hasSize(1);
        assertThat(world.count("refused")).as("the metric counts every one").isEqualTo(50.0);

        world.clock.advance(Trigger.QUIET);
        world.post(PUSH, Map.of());

        assertThat(lines(Level.WARN))
                .hasSize(2)
                .last()
                .asString()
                .endsWith("(and 49 more refused since the last such line)");
    }

    @Test
    void replaysAreToldOnceInAWhileToo() throws Exception {
        world.deliver(PUSH, "d-1");
        for (int i = 0; i < 20; i++) {
            world.deliver(PUSH, "d-1");
        }

        assertThat(lines(Level.INFO))
                .containsExactly(
                        "trigger from " + HOST + " (delivery d-1): a pass starts now",
                        "trigger from " + HOST + " (delivery d-1) was accepted before: no pass started");
    }

    @Test
    void aDeliveryIdThatCouldForgeALogLineIsNotRepeated() throws Exception {
        world.post(
                PUSH,
                Map.of(
                        Signature.HEADER,
                        Signing.header(SECRET, PUSH),
                        "X-Gitea-Delivery",
                        "x) accepted\tfake: a pass starts now"));

        assertThat(lines(Level.INFO))
                .containsExactly("trigger from " + HOST + " (an unprintable delivery id): a pass starts now");
    }

    @Test
    void neitherTheSecretNorASignatureIsEverLogged() throws Exception {
        String good = Signing.header(SECRET, PUSH);
        String other = Signing.header(SECRET, PUSH + "x");
        world.deliver(PUSH, "d-1");
        world.deliver(PUSH, "d-1");
        world.post(PUSH, Map.of(Signature.HEADER, other));
        world.clock.advance(Duration.ofMinutes(1));
        world.post(PUSH, Map.of(Signature.HEADER, other.toUpperCase(Locale.ROOT)));

        String all =
                logged.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertThat(logged.list).hasSizeGreaterThanOrEqualTo(4);
        assertThat(all)
                .doesNotContain(SECRET)
                .doesNotContainIgnoringCase(good.substring("sha256=".length()))
                .doesNotContainIgnoringCase(other.substring("sha256=".length()));
    }

    /** The lines logged at exactly {@code level}. */
    private List<String> lines(Level level) {
        return logged.list.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
