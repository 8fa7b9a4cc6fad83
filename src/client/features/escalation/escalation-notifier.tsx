/**
 * D3: while someone is signed in, a new escalation for their role (to the chief: chiefs and
 * managers; to the manager: managers) that the sync brings in is shown as a system notification,
 * where permission was granted. Escalations already on the device when the person signs in are in
 * their queue, not re-announced; one they sent themselves is not announced to them.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import type { Role } from '../../../domain/entities';
import { escalationQueue } from '../../db/queries/escalation-queries';
import { useT } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { showEscalationNotification } from './notifications';

/** Mounted once for the signed-in person; renders nothing. */
export function EscalationNotifier({ staffId, role }: { staffId: string; role: Role }) {
  const db = useDb();
  const t = useT();
  const queue = useLiveQuery(() => escalationQueue(db, role), [db, role]);
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    seen.current = null;
  }, [staffId, role]);

  useEffect(() => {
    if (queue === undefined) return;
    if (seen.current === null) {
      seen.current = new Set(queue.map((e) => e.id));
      return;
    }
    for (const e of queue) {
      if (seen.current.has(e.id)) continue;
      seen.current.add(e.id);
      if (e.acknowledgedBy === null && e.sentBy !== staffId) void showEscalationNotification(t, e.id);
    }
  }, [queue, staffId, t]);

  return null;
}
