package dev.atelier.auth.service;

import dev.atelier.auth.domain.Account;

/** What a sign-up, sign-in or refresh hands to the client. */
public record IssuedTokens(Account account, AccessToken accessToken, String refreshToken) {
    @Override
    public String toString() {
        return "IssuedTokens[account=" + account.id() + ", " + accessToken + "]";
    }
}
