import { useId } from 'react';
import type { DayFigures } from '../../../domain/review-entities';
import { LOG_KINDS } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { DAY_FIGURE_LABELS } from './report-labels';

/** O2: the day's figures, and its entries by kind, as two small tables (read aloud as tables). */
export function DayFiguresTable({ figures }: { figures: DayFigures }) {
  const t = useT();
  const figuresId = useId();
  const kindsId = useId();
  return (
    <div className="report-figures">
      <table className="report-table" aria-labelledby={figuresId}>
        <caption id={figuresId}>{t('reports.figures')}</caption>
        <tbody>
          {DAY_FIGURE_LABELS.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{t(label)}</th>
              <td>{figures[key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="report-table" aria-labelledby={kindsId}>
        <caption id={kindsId}>{t('reports.byKind')}</caption>
        <tbody>
          {LOG_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`kind.${kind}`)}</th>
              <td>{figures.byKind[kind] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
