import { memo, useMemo } from 'react';
import { renderSVG } from 'uqr';
import type { Item } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';

/**
 * One printable label: the item's code as a QR code (what the count's scanner reads), with the
 * label and the code in text beneath it for a person. The SVG is generated locally by uqr, so
 * labels print offline; its markup holds only path data and colours, never the item's text.
 */
export const QrLabel = memo(function QrLabel({ item }: { item: Pick<Item, 'label' | 'code'> }) {
  const t = useT();
  // Medium error correction survives a scuffed key tag; a quiet zone of 2 modules is enough on paper.
  const svg = useMemo(() => renderSVG(item.code, { ecc: 'M', border: 2, pixelSize: 4 }), [item.code]);
  return (
    <figure className="qr-label">
      <span
        className="qr-svg"
        role="img"
        aria-label={t('register.labels.qrFor', { code: item.code })}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <figcaption>
        <span className="qr-label-text">{item.label}</span>
        <span className="qr-code-text">{item.code}</span>
      </figcaption>
    </figure>
  );
});
