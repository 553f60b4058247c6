package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobsTest {
    private final Jobs jobs = new Jobs();

    @Test
    void aJobThatFinishedBeforeItsPathWasKnownIsStillSeen() throws InterruptedException {
        try (Jobs.Batch batch = jobs.open()) {
            jobs.removed("/org/freedesktop/systemd1/job/7", "hello.service", "done");
            batch.queued("/org/freedesktop/systemd1/job/7", "hello.service");

            assertThat(batch.await(Duration.ofSeconds(5))).containsExactly(new Jobs.Outcome("hello.service", "done"));
        }
    }

    @Test
    void aFailedJobKeepsSystemdsResultWord() throws InterruptedException {
        try (Jobs.Batch batch = jobs.open()) {
            batch.queued("/job/1", "a.service");
            batch.queued("/job/2", "b.service");
            jobs.removed("/job/2", "b.service", "failed");
            jobs.removed("/job/1", "a.service", "done");

            assertThat(batch.await(Duration.ofSeconds(5)))
                    .extracting(Jobs.Outcome::unit, Jobs.Outcome::ok)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a.service", true),
                            org.assertj.core.groups.Tuple.tuple("b.service", false));
        }
    }

    @Test
    void aJobStillRunningAtTheDeadlineIsReportedUnfinished() throws InterruptedException {
        try (Jobs.Batch batch = jobs.open()) {
            batch.queued("/job/3", "slow.service");

            assertThat(batch.await(Duration.ofMillis(50)))
                    .containsExactly(new Jobs.Outcome("slow.service", "unfinished"));
        }
    }

    @Test
    void aClosedBatchHearsNoMoreSignals() throws InterruptedException {
        Jobs.Batch batch = jobs.open();
        batch.queued("/job/4", "late.service");
        batch.close();
        jobs.removed("/job/4", "late.service", "done");

        assertThat(batch.await(Duration.ofMillis(10)))
                .extracting(Jobs.Outcome::result)
                .containsExactly("unfinished");
    }
}
