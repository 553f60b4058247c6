package dev.berth.model;

import java.util.Optional;

/**
 * The service properties a manifest may limit: resource accounting and IP firewalling only, never ones that
 * change who a service runs as or what it can reach on the file system. The manifest field is the property
 * name in lower camel case.
 */
public enum Limit {
    MEMORY_MAX("memoryMax", "MemoryMax"),
    MEMORY_HIGH("memoryHigh", "MemoryHigh"),
    CPU_QUOTA("cpuQuota", "CPUQuota"),
    CPU_WEIGHT("cpuWeight", "CPUWeight"),
    TASKS_MAX("tasksMax", "TasksMax"),
    IO_WEIGHT("ioWeight", "IOWeight"),
    IP_ADDRESS_ALLOW("ipAddressAllow", "IPAddressAllow"),
    IP_ADDRESS_DENY("ipAddressDeny", "IPAddressDeny");

    private final String field;
    private final String property;

    Limit(String field, String property) {
        this.field = field;
        this.property = property;
    }

    /** The manifest field: memoryMax, cpuQuota, ... */
    public String field() {
        return field;
    }

    /** The systemd property: MemoryMax, CPUQuota, ... */
    public String property() {
        return property;
    }

    public static Optional<Limit> ofField(String field) {
        for (Limit l : values()) {
            if (l.field.equals(field)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
