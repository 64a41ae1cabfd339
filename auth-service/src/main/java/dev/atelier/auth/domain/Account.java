package dev.atelier.auth.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the rest of the service may know about a user: a detached, immutable snapshot without the password hash. */
public record Account(UUID id, String name, String email, String tier, List<String> roles, Instant createdAt) {
}
