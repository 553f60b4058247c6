package dev.berth.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that does not depend on the systemd version: it exercises Berth's own checks, downloads or git before any
 * call to portabled, or a demo that always boots Debian 12. The suite runs it once, on systemd 252, and leaves it
 * out of the systemd 257 run (e2e/pom.xml excludes the tag) to keep the whole suite short. Fleet targeting, waves,
 * maintenance windows and suspensions are Berth's own scheduling above the host port: once. Lock, symlink, redirect,
 * deadline, rollback and attach tests are not marked: they run on both.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(OnceIsEnough.TAG)
@interface OnceIsEnough {
    String TAG = "once-is-enough";
}
