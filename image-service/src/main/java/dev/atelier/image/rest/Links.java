package dev.atelier.image.rest;

import java.util.UUID;

/** Where to go next with a job. Relative, so they hold behind the gateway. */
public record Links(String self, String events, String cancel) {
    static final String GENERATIONS = "/api/v1/generations";

    static Links of(UUID jobId) {
        String self = GENERATIONS + "/" + jobId;
        return new Links(self, self + "/events", self + "/cancel");
    }
}
