package dev.berth.fetchers;

/**
 * A URL, redirect, certificate or local file the fetchers' rules refuse: what happened, and what to do about it.
 * Another attempt would meet the same refusal, so callers report it as FetchRefused.
 */
public final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String detail;
    private final String advice;

    Refused(String detail, String advice) {
        super(detail);
        this.detail = detail;
        this.advice = advice;
    }

    public String detail() {
        return detail;
    }

    public String advice() {
        return advice;
    }
}
