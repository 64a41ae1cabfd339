package dev.atelier.bench.footprint;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * The footprint scenario's control: the least a JVM with the services' options can do to answer HTTP (the JDK's
 * own server, one handler answering 200 {@code ok}). Run as {@code BareHttpServer <port>}.
 */
public final class BareHttpServer {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private BareHttpServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, OK.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(OK);
            }
        });
        server.start();
    }
}
