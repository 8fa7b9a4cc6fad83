/**
 * The server's own hybrid logical clock, for the rows it writes itself (site setup, syncError,
 * conflict). Node id 'server', so those rows are recognisable in an audit.
 */
import { formatHlc, receiveHlc, tickHlc, zeroHlc, type Hlc } from '../../domain/hlc';

export const SERVER_HLC_NODE = 'server';
/** T1: how far ahead of the server's time an op's HLC may be before it is pulled back. */
export const MAX_HLC_FUTURE_MS = 60_000;

export class ServerClock {
  private last: Hlc = zeroHlc(SERVER_HLC_NODE);

  /** A fresh timestamp for a row the server writes at `nowMs`. */
  next(nowMs: number): string {
    this.last = tickHlc(this.last, nowMs);
    return formatHlc(this.last);
  }

  /** Merge an (already clamped) op timestamp, so later server rows order after what caused them. */
  observe(remote: Hlc, nowMs: number): void {
    this.last = receiveHlc(this.last, remote, nowMs);
  }
}
