package dev.atelier.gallery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ZipEntryNamesTest {
    private static final UUID ID = UUID.fromString("1234abcd-0000-4000-8000-000000000000");

    @Test
    void anEntryIsTheNameTheShortIdAndTheExtension() {
        assertEquals("Harbour at dusk-1234abcd.png", ZipDownloadService.entryName("Harbour at dusk", ID, "png", 80));
    }

    @Test
    void pathsAndOddCharactersCannotEscapeTheFolder() {
        assertEquals("_etc_passwd-1234abcd.jpg", ZipDownloadService.entryName("../etc/passwd", ID, "jpg", 80));
        assertEquals("a_b_c_d-1234abcd.png", ZipDownloadService.entryName("a\\b:c\u0000d", ID, "png", 80));
        assertEquals("image-1234abcd.png", ZipDownloadService.entryName("...", ID, "png", 80));
        assertEquals("image-1234abcd.png", ZipDownloadService.entryName(null, ID, "png", 80));
        assertEquals("Été à Paris-1234abcd.png", ZipDownloadService.entryName("  Été   à Paris  ", ID, "png", 80));
    }

    @Test
    void longNamesAreCut() {
        assertEquals("abcdefgh-1234abcd.png", ZipDownloadService.entryName("abcdefghijklmnop", ID, "png", 8));
        assertEquals("abc-1234abcd.png", ZipDownloadService.entryName("abc.....xyz", ID, "png", 8));
    }
}
