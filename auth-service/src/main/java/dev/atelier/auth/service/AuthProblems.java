package dev.atelier.auth.service;

import java.util.List;

import dev.atelier.problem.Problem;
import dev.atelier.problem.ProblemException;

/** The problems auth-service answers with, so each kind always has the same type, title and wording. */
public final class AuthProblems {
    private AuthProblems() {
    }

    public static ProblemException emailTaken() {
        return new ProblemException(409, "email-taken", "Email already registered",
                "email: an account with this email already exists",
                List.of(new Problem.FieldError("email", "an account with this email already exists")));
    }

    /** The same answer for an unknown email and a wrong password, so neither reveals which accounts exist. */
    public static ProblemException invalidCredentials() {
        return new ProblemException(401, "invalid-credentials", "Invalid credentials",
                "The email or password is incorrect");
    }

    /** The same answer for unknown, expired, revoked and reused refresh tokens. */
    public static ProblemException invalidRefreshToken() {
        return new ProblemException(401, "invalid-refresh-token", "Invalid refresh token",
                "The refresh token is invalid or expired; sign in again");
    }

    /** A valid access token of an account deleted since it was issued. */
    public static ProblemException accountDeleted() {
        return new ProblemException(401, "account-deleted", "Account deleted", "The account no longer exists");
    }

    /** The current password given to change or delete the account is wrong. */
    public static ProblemException wrongPassword(String field) {
        return new ProblemException(403, "wrong-password", "Wrong password", field + ": the password is incorrect",
                List.of(new Problem.FieldError(field, "the password is incorrect")));
    }
}
