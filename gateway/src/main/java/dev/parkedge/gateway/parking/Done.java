package dev.parkedge.gateway.parking;

import java.util.concurrent.CompletableFuture;

/**
 * What a request decided, and when that is durable: answer the request (or move the gate) only once
 * {@code durable} completes; if it fails, the decision may not have been recorded.
 */
public record Done<T>(T value, CompletableFuture<Long> durable) {}
