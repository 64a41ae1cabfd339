package dev.atelier.image.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.ImageConfig;

/** What a job costs: credits per image (by size, from config) times the number of images. */
@ApplicationScoped
public class Pricing {
    private final ImageConfig config;

    public Pricing(ImageConfig config) {
        this.config = config;
    }

    public int cost(String size, int count) {
        return Math.multiplyExact(config.creditsPerImage().get(size), count);
    }
}
