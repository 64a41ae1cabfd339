package dev.atelier.launcher;

/** The processes of the stack besides the infrastructure, in start order. */
public enum Service {
    AUTH("auth-service", "auth"),
    IMAGE("image-service", "image"),
    GALLERY("gallery-service", "gallery"),
    WORKER("generation-worker", null),
    GATEWAY("gateway", null);

    private final String module;
    private final String database;

    Service(String module, String database) {
        this.module = module;
        this.database = database;
    }

    /** The Maven module, which is also the process and log name. */
    public String module() {
        return module;
    }

    /** Its own PostgreSQL database, or null. */
    public String database() {
        return database;
    }
}
