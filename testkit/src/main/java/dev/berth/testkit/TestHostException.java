package dev.berth.testkit;

/**
 * The test host cannot do what a test asked: a missing package or root file system, a container that did not boot,
 * a command that failed. The message says what happened and, where a person can fix it, what to run.
 */
public class TestHostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TestHostException(String message) {
        super(message);
    }

    public TestHostException(String message, Throwable cause) {
        super(message, cause);
    }
}
