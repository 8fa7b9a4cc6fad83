-- Handover Desk server schema v3: times the server vouches for (T1). Shipped migrations are never
-- edited (STYLE.md #3); the next change is 0004.

-- The server's receipt time of every op, and the tablet's own clock the op carried, so a clock
-- that goes backwards between two ops of a device is seen. Ops stored before v3 have neither.
ALTER TABLE device_ops ADD COLUMN received_at INTEGER;
ALTER TABLE device_ops ADD COLUMN device_time INTEGER;

-- When the server first received each row (its first write at or after v3), returned on pull as
-- Change.receivedAt. Later writes of the row keep it.
ALTER TABLE rows ADD COLUMN received_at INTEGER;

-- Each tablet's clock offset (server time minus the tablet's time) learned at its last push that
-- said what its clock read; used to estimate the time of ops of a push that does not say (T1).
ALTER TABLE devices ADD COLUMN clock_offset_ms INTEGER;
