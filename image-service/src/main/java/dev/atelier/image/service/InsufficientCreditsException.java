package dev.atelier.image.service;

/** The job costs more than the user has left: 402, nothing stored. */
public class InsufficientCreditsException extends RuntimeException {
    private final int remaining;
    private final int cost;

    public InsufficientCreditsException(int remaining, int cost) {
        super("This generation costs " + cost + " credits and " + remaining + " remain", null, false, false);
        this.remaining = remaining;
        this.cost = cost;
    }

    public int remaining() {
        return remaining;
    }

    public int cost() {
        return cost;
    }
}
