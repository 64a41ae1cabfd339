package dev.atelier.auth.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.domain.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** Case-insensitive, through the unique index on {@code lower(email)}. */
    public Uni<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResult();
    }
}
