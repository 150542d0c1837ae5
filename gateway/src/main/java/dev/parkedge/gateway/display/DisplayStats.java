package dev.parkedge.gateway.display;

/**
 * Counters of a display driver.
 *
 * @param commanded states handed to the driver
 * @param coalesced states replaced by a newer one before they were sent
 * @param sent commands written to the link
 * @param failed commands that could not be delivered (link down, no ack, Modbus exception)
 */
public record DisplayStats(long commanded, long coalesced, long sent, long failed) {}
