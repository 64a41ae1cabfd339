package dev.atelier.gallery.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.atelier.problem.Problem;
import dev.atelier.problem.ProblemException;

/** Field errors collected over a whole request, so that one 400 problem names every field that is wrong. */
final class FieldErrors {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw ProblemException.invalidField(errors.get(0).field(), errors.get(0).message());
        }
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        throw new ProblemException(400, "validation", "Invalid request", detail, errors);
    }
}
