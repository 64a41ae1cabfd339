package dev.atelier.gallery.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An image's working share links, newest first. */
@Schema(name = "ShareList")
public record ShareList(List<ShareItem> items) {
}
