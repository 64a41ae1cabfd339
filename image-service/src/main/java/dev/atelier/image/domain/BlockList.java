package dev.atelier.image.domain;

import java.util.List;
import java.util.Optional;

/**
 * Configured words and phrases a prompt must not contain. Matched as whole words, ignoring case, accents and
 * light leetspeak on both sides ({@link Words#ofLeet(String)}): {@code "B3HEÀDING"} matches {@code "beheading"},
 * {@code "scumbag"} does not match {@code "scum"}.
 */
public final class BlockList {
    private final List<Term> terms;

    public BlockList(List<String> terms) {
        this.terms = terms.stream()
                .map(term -> new Term(term, Words.ofLeet(term)))
                .filter(term -> !term.words().isEmpty())
                .toList();
    }

    /** The first configured term found in the prompt. */
    public Optional<String> firstMatch(String prompt) {
        List<String> words = Words.ofLeet(prompt);
        return terms.stream()
                .filter(term -> Words.indexOf(words, term.words(), 0) >= 0)
                .map(Term::term)
                .findFirst();
    }

    private record Term(String term, List<String> words) {
    }
}
