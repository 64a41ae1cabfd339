package dev.atelier.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

final class ClosedPort {
    private ClosedPort() {
    }

    /** A port that was free a moment ago and has nothing listening on it. */
    static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
