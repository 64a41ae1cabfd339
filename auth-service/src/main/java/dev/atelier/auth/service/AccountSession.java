package dev.atelier.auth.service;

import dev.atelier.auth.domain.Account;
import dev.atelier.auth.domain.OpaqueToken;

/** An account and the first refresh token of a session just opened for it. */
public record AccountSession(Account account, OpaqueToken refreshToken) {
}
