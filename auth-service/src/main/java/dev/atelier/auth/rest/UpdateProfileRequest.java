package dev.atelier.auth.rest;

import java.util.Optional;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.auth.service.PasswordPolicy;

/**
 * {@code PATCH /users/me}: each field is optional, at least one of {@code name} and {@code newPassword} must be
 * given; {@code newPassword} needs {@code currentPassword}. Normalised like sign-up.
 */
@Schema(description = "Fields to change; a new password needs the current one")
public record UpdateProfileRequest(
        @Size(min = 1, max = SignUpRequest.NAME_MAX)
        @Pattern(regexp = SignUpRequest.VISIBLE_TEXT, message = SignUpRequest.VISIBLE_TEXT_MESSAGE)
        @Schema(examples = "Ada Lovelace") String name,
        @Size(min = 1, max = SignUpRequest.PASSWORD_MAX) String currentPassword,
        @Size(min = SignUpRequest.PASSWORD_MIN, max = SignUpRequest.PASSWORD_MAX) String newPassword) {

    public UpdateProfileRequest {
        name = SignUpRequest.normaliseName(name);
        currentPassword = PasswordPolicy.normalise(currentPassword);
        newPassword = PasswordPolicy.normalise(newPassword);
    }

    @AssertTrue(message = "give a name or a newPassword to change")
    @Schema(hidden = true)
    public boolean isChangingSomething() {
        return name != null || newPassword != null;
    }

    Optional<String> newName() {
        return Optional.ofNullable(name);
    }

    @Override
    public String toString() {
        return "UpdateProfileRequest[name=" + name + ", changesPassword=" + (newPassword != null) + "]";
    }
}
