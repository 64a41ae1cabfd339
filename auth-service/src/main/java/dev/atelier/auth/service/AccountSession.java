package dev.atelier.auth.service;

import dev.atelier.auth.domain.Account;

/** An account and the refresh token of one of its sessions, just opened or rotated. */
public record AccountSession(Account account, Session session) {
}
