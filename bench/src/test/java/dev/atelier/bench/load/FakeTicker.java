package dev.atelier.bench.load;

/** A clock that only moves when told to: sleeping jumps to the deadline, a call "takes" time by advancing it. */
final class FakeTicker implements Ticker {
    private long now;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepUntil(long deadline) {
        now = Math.max(now, deadline);
    }

    void advanceMillis(long millis) {
        now += millis * 1_000_000;
    }
}
