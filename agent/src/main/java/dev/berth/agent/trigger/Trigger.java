package dev.berth.agent.trigger;

import dev.berth.reconciler.loop.Wakeup;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /trigger: a request whose body is signed with the trigger's secret wakes the loop for a pass at once;
 * anything else starts nothing. The body is read only to check its signature and never parsed: the pass reads the
 * desired state itself, so all a valid request can do is bring forward a pass that would run anyway. Waking a loop
 * that is already woken adds nothing, so a burst of deliveries makes at most one extra pass.
 */
public final class Trigger {
    public static final String PATH = "/trigger";

    /** Push payloads list the pushed commits; the body is hashed as it arrives, not kept. */
    static final int MAX_BODY = 1024 * 1024;

    /** Logged to match a forge's delivery log; not signed, so they decide nothing. */
    static final List<String> DELIVERY_HEADERS =
            List.of("X-GitHub-Delivery", "X-Gitea-Delivery", "X-Gogs-Delivery", "X-Request-Id");

    static final Duration QUIET = Duration.ofSeconds(10);
    private static final Pattern PRINTABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger LOG = LoggerFactory.getLogger("berth");

    private final TriggerSecret secret;
    private final Wakeup wakeup;
    private final TriggerListener listener;
    private final Deliveries deliveries = new Deliveries();
    private final Throttle refusals;
    private final Throttle replays;

    public Trigger(TriggerSecret secret, Wakeup wakeup, TriggerListener listener, Clock clock) {
        this.secret = secret;
        this.wakeup = wakeup;
        this.listener = listener;
        this.refusals = new Throttle(QUIET, clock);
        this.replays = new Throttle(QUIET, clock);
    }

    public TriggerAnswer handle(TriggerRequest request) {
        if (!request.path().equals(PATH)) {
            return TriggerAnswer.of(404, "not found");
        }
        String delivery = delivery(request);
        try {
            Signature signature = verified(request);
            if (!deliveries.first(signature)) {
                listener.triggered(TriggerResult.REPLAYED);
                replays.pass()
                        .ifPresent(skipped -> LOG.info(
                                "trigger from {} ({}) was accepted before: no pass started{}",
                                request.remote(),
                                delivery,
                                more(skipped, "replayed")));
                return TriggerAnswer.of(200, "already seen: this delivery was accepted before; no pass started");
            }
            wakeup.wake(Wakeup.Cause.TRIGGER);
            listener.triggered(TriggerResult.ACCEPTED);
            LOG.info("trigger from {} ({}): a pass starts now", request.remote(), delivery);
            return TriggerAnswer.of(202, "accepted: a pass starts now");
        } catch (Refusal refusal) {
            listener.triggered(TriggerResult.REFUSED);
            refusals.pass()
                    .ifPresent(skipped -> LOG.warn(
                            "trigger from {} refused with {}: {}{}",
                            request.remote(),
                            refusal.status(),
                            refusal.why(),
                            more(skipped, "refused")));
            return new TriggerAnswer(refusal.status(), "refused: " + refusal.why(), headers(refusal.status()));
        }
    }

    private Signature verified(TriggerRequest request) throws Refusal {
        if (!request.method().equals("POST")) {
            throw Refusal.wrongMethod();
        }
        OptionalLong length = request.length();
        if (length.isPresent() && length.getAsLong() > MAX_BODY) {
            throw Refusal.tooLarge(length.getAsLong() + " bytes");
        }
        Signature signature = Signature.of(request.header().apply(Signature.HEADER));
        if (!signature.matches(digest(request.body()))) {
            throw Refusal.unauthorized("the signature does not match the body (is the webhook's secret the one in"
                    + " trigger.secretFile?)");
        }
        return signature;
    }

    /** The body's HMAC, reading no more than one byte past the limit. */
    private byte[] digest(InputStream body) throws Refusal {
        Mac mac = secret.mac();
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            int n;
            while ((n = body.read(buffer, 0, (int) Math.min(buffer.length, MAX_BODY + 1L - total))) >= 0) {
                total += n;
                if (total > MAX_BODY) {
                    throw Refusal.tooLarge("more than " + MAX_BODY + " bytes");
                }
                mac.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw Refusal.unreadable(
                    "the body did not arrive whole (" + e.getClass().getSimpleName() + ")");
        }
        return mac.doFinal();
    }

    private static String delivery(TriggerRequest request) {
        for (String name : DELIVERY_HEADERS) {
            List<String> values = request.header().apply(name);
            if (!values.isEmpty()) {
                String id = values.get(0).strip();
                return PRINTABLE_ID.matcher(id).matches() ? "delivery " + id : "an unprintable delivery id";
            }
        }
        return "no delivery id";
    }

    private static Map<String, String> headers(int status) {
        return switch (status) {
            case 401 -> Map.of("WWW-Authenticate", Signature.HEADER);
            case 405 -> Map.of("Allow", "POST");
            case 413 -> Map.of("Connection", "close");
            default -> Map.of();
        };
    }

    private static String more(long skipped, String what) {
        return skipped == 0 ? "" : " (and " + skipped + " more " + what + " since the last such line)";
    }
}
