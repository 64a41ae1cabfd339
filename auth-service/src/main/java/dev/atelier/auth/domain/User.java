package dev.atelier.auth.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An account. State changes go through methods so Hibernate's enhanced dirty tracking sees them. */
@Entity
@Table(name = "users")
public class User {
    public static final String DEFAULT_TIER = "free";
    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String tier;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] roles;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    protected User() {
        // for Hibernate
    }

    /** A new account of the free tier with the {@code user} role; {@code email} must already be normalised. */
    public static User register(String email, String name, String passwordHash, Instant now) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.name = name;
        user.passwordHash = passwordHash;
        user.tier = DEFAULT_TIER;
        user.roles = new String[] { ROLE_USER };
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    public void signedIn(Instant now) {
        lastLoginAt = now;
    }

    public void rename(String newName, Instant now) {
        name = newName;
        updatedAt = now;
    }

    /** A new hash: another password, or the same one hashed with stronger parameters. */
    public void changePasswordHash(String newHash, Instant now) {
        passwordHash = newHash;
        updatedAt = now;
    }

    public void moveToTier(String newTier, Instant now) {
        tier = newTier;
        updatedAt = now;
    }

    /** @return whether the role was new */
    public boolean grantRole(String role, Instant now) {
        if (List.of(roles).contains(role)) {
            return false;
        }
        String[] more = java.util.Arrays.copyOf(roles, roles.length + 1);
        more[roles.length] = role;
        roles = more;
        updatedAt = now;
        return true;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String tier() {
        return tier;
    }

    public Instant lastLoginAt() {
        return lastLoginAt;
    }

    public Account toAccount() {
        return new Account(id, name, email, tier, List.of(roles), createdAt);
    }

    public UUID id() {
        return id;
    }

    public String passwordHash() {
        return passwordHash;
    }
}
