package dev.atelier.worker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** This worker's id: {@code atelier.worker.id}, else the host name plus a random suffix (fixed for the process). */
@ApplicationScoped
public class WorkerIdentity {
    private static final int SUFFIX_LENGTH = 8;

    private final String id;

    public WorkerIdentity(WorkerConfig config) {
        this.id = config.id().filter(value -> !value.isBlank()).map(String::trim)
                .orElseGet(() -> hostName() + "-" + UUID.randomUUID().toString().substring(0, SUFFIX_LENGTH));
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME"); // set by containers and Kubernetes: no lookup needed
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
