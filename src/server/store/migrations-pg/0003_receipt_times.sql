-- Handover Desk server schema v3, PostgreSQL dialect of migrations/0003_receipt_times.sql: times
-- the server vouches for (T1). Shipped migrations are never edited (STYLE.md #3).

-- The server's receipt time of every op, and the tablet's own clock the op carried.
ALTER TABLE device_ops ADD COLUMN received_at BIGINT;
ALTER TABLE device_ops ADD COLUMN device_time BIGINT;

-- When the server first received each row, returned on pull as Change.receivedAt.
ALTER TABLE rows ADD COLUMN received_at BIGINT;

-- Each tablet's clock offset (server time minus the tablet's time) learned at its last push.
ALTER TABLE devices ADD COLUMN clock_offset_ms BIGINT;
