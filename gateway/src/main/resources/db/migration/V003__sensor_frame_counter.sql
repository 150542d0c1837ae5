-- ParkEdge gateway schema, version 3: the LoRaWAN fCnt behind each space's sensed state.
-- A network server redelivers uplinks the gateway applied but had not acknowledged when it
-- stopped; restore reads this column (and the "fcnt" of later space entries) so they are dropped.
ALTER TABLE space_state ADD COLUMN sensor_fcnt INTEGER;
