package dev.berth.reconciler.fake;

import dev.berth.model.state.Suspension;
import dev.berth.reconciler.port.FirstSeen;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.Suspensions;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The fakes held to the contracts their real adapters also pass. */
class FakeContractsTest {
    @Nested
    class Pool extends ImagePoolContract {
        private final FakeImagePool pool = new FakeImagePool("/var/lib/portables");

        @Override
        protected ImagePool pool() {
            return pool;
        }

        @Override
        protected void put(String fileName, byte[] content) {
            pool.put(pool.pathOf(fileName), content);
        }
    }

    @Nested
    class Fetcher extends ImageFetcherContract {
        private final FakeImagePool pool = new FakeImagePool("/var/lib/portables");
        private final FakeImageFetcher fetcher = new FakeImageFetcher(pool);

        @Override
        protected ImageFetcher fetcher() {
            return fetcher;
        }

        @Override
        protected URI serve(String name, byte[] content) {
            URI url = URI.create("https://images.example/" + name);
            fetcher.serve(url, content);
            return url;
        }

        @Override
        protected URI missing(String name) {
            return URI.create("https://images.example/missing/" + name);
        }

        @Override
        protected String target(String fileName) {
            return pool.pathOf(fileName);
        }

        @Override
        protected List<String> poolFileNames() {
            return pool.list().stream().map(f -> f.fileName()).toList();
        }

        @Override
        protected byte[] read(String path) {
            return pool.content(path).orElseThrow();
        }
    }

    @Nested
    class Store extends InventoryStoreContract {
        private final FakeInventoryStore store = new FakeInventoryStore();

        @Override
        protected InventoryStore store() {
            return store;
        }

        @Override
        protected InventoryStore reopened() {
            return store;
        }
    }

    @Nested
    class Sightings extends FirstSeenContract {
        private final FakeFirstSeen firstSeen = new FakeFirstSeen();

        @Override
        protected FirstSeen firstSeen() {
            return firstSeen;
        }

        @Override
        protected FirstSeen reopened() {
            return firstSeen;
        }
    }

    @Nested
    class Suspended extends SuspensionsContract {
        private final FakeSuspensions suspensions = new FakeSuspensions();

        @Override
        protected Suspensions suspensions() {
            return suspensions;
        }

        @Override
        protected void suspend(Suspension suspension) {
            suspensions.suspend(suspension);
        }

        @Override
        protected void resume() {
            suspensions.resume();
        }
    }
}
