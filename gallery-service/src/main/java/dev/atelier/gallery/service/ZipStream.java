package dev.atelier.gallery.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.quarkus.logging.Log;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * A zip of several stored objects, produced a chunk at a time and only when asked: one object is open at a time and
 * at most about two chunks are held in memory, however many and however large the images are. Blocking (S3 reads):
 * call from a worker thread.
 */
final class ZipStream implements AutoCloseable {

    /** One file of the zip: its name inside the zip and the object it holds. */
    record Entry(String name, String key, Instant modified) {
    }

    private static final byte[] END = new byte[0];

    private final ImageStorage storage;
    private final List<Entry> entries;
    private final int chunkSize;
    private final ByteArrayOutputStream sink;
    private final ZipOutputStream zip;
    private final byte[] buffer;
    private int next;
    private InputStream current;
    private boolean finished;
    private boolean closed;

    ZipStream(ImageStorage storage, List<Entry> entries, int chunkSize) {
        this.storage = storage;
        this.entries = List.copyOf(entries);
        this.chunkSize = chunkSize;
        this.sink = new ByteArrayOutputStream(2 * chunkSize);
        this.zip = new ZipOutputStream(sink);
        // The images are PNG/JPEG, already compressed: deflating again costs CPU for nothing.
        this.zip.setLevel(Deflater.NO_COMPRESSION);
        this.buffer = new byte[chunkSize];
    }

    /** The next bytes of the zip (at least {@code chunkSize} unless it is the last chunk); empty once it is over. */
    synchronized byte[] nextChunk() throws IOException {
        if (closed) {
            throw new IOException("the zip stream was closed");
        }
        while (sink.size() < chunkSize && !finished) {
            if (current == null) {
                if (next == entries.size()) {
                    zip.finish();
                    finished = true;
                    break;
                }
                Entry entry = entries.get(next++);
                current = storage.open(entry.key());
                ZipEntry zipEntry = new ZipEntry(entry.name());
                if (entry.modified() != null) {
                    zipEntry.setLastModifiedTime(FileTime.from(entry.modified()));
                }
                zip.putNextEntry(zipEntry);
            }
            int read = current.read(buffer);
            if (read < 0) {
                current.close();
                current = null;
                zip.closeEntry();
            } else {
                zip.write(buffer, 0, read);
            }
        }
        if (sink.size() == 0) {
            return END;
        }
        byte[] chunk = sink.toByteArray();
        sink.reset();
        return chunk;
    }

    /** Releases the open object and the deflater; called when the download ends, fails or the client goes away. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current instanceof ResponseInputStream<?> response) {
            // Not drained: the client is gone or the download failed, the rest of the object is not wanted.
            response.abort();
        }
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            Log.debugf("closing a zip source failed: %s", e.toString());
        }
        try {
            zip.close();
        } catch (IOException e) {
            Log.debugf("closing a zip stream failed: %s", e.toString());
        }
    }
}
