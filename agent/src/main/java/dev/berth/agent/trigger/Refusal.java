package dev.berth.agent.trigger;

/** Why a request on /trigger starts nothing, and the status it gets. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    private Refusal(int status, String why) {
        super(why, null, false, false);
        this.status = status;
    }

    static Refusal unauthorized(String why) {
        return new Refusal(401, why);
    }

    static Refusal tooLarge(String size) {
        return new Refusal(
                413, "the body is too large (" + size + "); a trigger takes at most " + Trigger.MAX_BODY + " bytes");
    }

    static Refusal wrongMethod() {
        return new Refusal(405, "only POST starts a pass");
    }

    static Refusal unreadable(String why) {
        return new Refusal(400, why);
    }

    int status() {
        return status;
    }

    String why() {
        return String.valueOf(getMessage());
    }
}
