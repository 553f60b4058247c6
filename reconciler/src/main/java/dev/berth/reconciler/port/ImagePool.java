package dev.berth.reconciler.port;

import dev.berth.model.Sha256;
import dev.berth.model.host.PoolFile;
import java.util.List;

/** The directory where images live while attached (/var/lib/portables by default). */
public interface ImagePool {
    /** The absolute path a file of this name has in the pool. */
    String pathOf(String fileName);

    /** Regular files in the pool, including hidden ".#" partial downloads; not hashed. */
    List<PoolFile> list();

    /** Hashes a file already in the pool (to adopt it); throws FetchFailed when it cannot be read. */
    Sha256 hash(String path);

    /** Deletes a pool file if it exists. */
    void delete(String path);
}
