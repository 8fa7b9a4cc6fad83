import type { Photo, RecordCountLine } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { PhotoThumb } from '../../ui/photo-thumb';
import { isLineDiscrepancy } from './record-facts';

const STATE_LABELS: Record<RecordCountLine['state'], MessageKey> = {
  present: 'count.state.present',
  missing: 'count.state.missing',
  damaged: 'count.state.damaged',
};

/**
 * The final count as signed (H8), line by line: the item, how many were expected, what the count
 * found and how many were at the desk, those lent and to whom, the outgoing person's explanation
 * of a discrepancy and its photos. A discrepancy is marked in words, not only in colour.
 */
export function RecordCountTable({
  lines,
  photos,
  captionId,
}: {
  lines: readonly RecordCountLine[];
  photos: ReadonlyMap<string, Photo>;
  captionId: string;
}) {
  const t = useT();
  if (lines.length === 0) return <p className="empty">{t('history.count.empty')}</p>;
  return (
    <div className="history-table-wrap">
      <table className="history-table history-count" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">{t('history.count.col.item')}</th>
            <th scope="col">{t('history.count.col.expected')}</th>
            <th scope="col">{t('history.count.col.state')}</th>
            <th scope="col">{t('history.count.col.quantity')}</th>
            <th scope="col">{t('history.count.col.lent')}</th>
            <th scope="col">{t('history.count.col.explanation')}</th>
            <th scope="col">{t('history.count.col.photos')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const problem = isLineDiscrepancy(line);
            return (
              <tr key={line.itemId} className={problem ? 'history-count-problem' : undefined}>
                <th scope="row">
                  <span className="history-code">{line.code}</span> {line.label}
                </th>
                <td>{line.expected}</td>
                <td>
                  {problem ? (
                    <span className="badge badge-problem">{t(STATE_LABELS[line.state])}</span>
                  ) : (
                    t(STATE_LABELS[line.state])
                  )}
                </td>
                <td>{line.quantity}</td>
                <td>
                  {line.lent === 0
                    ? t('common.none')
                    : line.borrowers.length > 0
                      ? t('history.count.lentTo', { count: line.lent, borrowers: line.borrowers.join(', ') })
                      : String(line.lent)}
                </td>
                <td>{line.explanation || t('common.none')}</td>
                <td>
                  {line.photoSha256s.length === 0
                    ? t('common.none')
                    : line.photoSha256s.map((sha) => {
                        const photo = photos.get(sha);
                        return photo ? (
                          <PhotoThumb key={sha} photo={photo} />
                        ) : (
                          <span key={sha} className="photo-thumb photo-thumb-missing">
                            {t('history.count.photoMissing')}
                          </span>
                        );
                      })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
