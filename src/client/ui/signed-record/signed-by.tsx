import type { Signature } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { formatShort } from '../time';

/**
 * The strokes as an image source, for showing a signature without a canvas. The SVG is only ever
 * an `<img>` source: a browser runs no script and loads nothing from an SVG shown as an image, so
 * strokes from another tablet are never injected into the page as markup.
 */
export function signatureImageSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A signature as signed: the image, whose it is and when. */
export function SignedBy({
  signature,
  name,
  nowMs,
  timeZone,
  caption,
}: {
  signature: Signature;
  name: string;
  nowMs: number;
  timeZone: string;
  /** "Desk opened by …" / "Desk closed by …" for a sole signature; by role otherwise. */
  caption?: MessageKey | undefined;
}) {
  const t = useT();
  return (
    <figure className="handover-signed">
      <img src={signatureImageSrc(signature.svg)} alt={t('handover.signature.of', { name })} />
      <figcaption>
        {t(
          caption ??
            (signature.role === 'outgoing' ? 'handover.signature.outgoingBy' : 'handover.signature.incomingBy'),
          {
            name,
            time: formatShort(signature.signedAt, nowMs, timeZone),
          },
        )}
      </figcaption>
    </figure>
  );
}
