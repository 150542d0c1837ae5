package dev.parkedge.gateway.config;

/**
 * The local operator API (CoAP).
 *
 * @param bind the address the CoAP server binds to; 127.0.0.1 unless told otherwise
 * @param coapPort UDP port, default 5683
 */
public record ApiConfig(String bind, int coapPort) {}
