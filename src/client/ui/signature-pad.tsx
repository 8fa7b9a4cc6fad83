import SignaturePadLib from 'signature_pad';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { Button } from './button';

export interface SignaturePadProps {
  /** Whose signature this is, e.g. "Signature of Chan Tai Man"; the canvas's accessible name. */
  label: string;
  /** The strokes as an SVG document after each stroke, or null while the box is empty (H3). */
  onChange(svg: string | null): void;
  disabled?: boolean;
}

interface Size {
  width: number;
  height: number;
}

/**
 * A handwritten signature box (H3) on signature_pad 5: a canvas sized to its container in device
 * pixels, so strokes stay sharp on a retina tablet, with a Clear button. When the box changes size
 * (the tablet turned), the strokes are kept if they still fit; if the box got smaller they would
 * be cut off, so it is cleared and says so instead of keeping half a signature.
 */
export function SignaturePad({ label, onChange, disabled = false }: SignaturePadProps) {
  const t = useT();
  const labelId = useId();
  const hintId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadLib | null>(null);
  const onChangeRef = useRef(onChange);
  const [signed, setSigned] = useState(false);
  const [clearedByResize, setClearedByResize] = useState(false);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePadLib(canvas, { penColor: '#1b2430', minWidth: 1, maxWidth: 3 });
    padRef.current = pad;
    let size: Size | null = null;

    const report = () => {
      const empty = pad.isEmpty();
      setSigned(!empty);
      onChangeRef.current(empty ? null : pad.toSVG());
    };

    const fit = () => {
      const rect = canvas.getBoundingClientRect();
      // Not laid out (hidden, or a test DOM without layout): keep the canvas as it is.
      if (rect.width === 0 || rect.height === 0) return;
      const next = { width: Math.round(rect.width), height: Math.round(rect.height) };
      if (size && size.width === next.width && size.height === next.height) return;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const strokes = pad.toData();
      const fits = size !== null && next.width >= size.width && next.height >= size.height;
      canvas.width = next.width * ratio;
      canvas.height = next.height * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (strokes.length > 0 && fits) {
        pad.fromData(strokes);
      } else if (strokes.length > 0) {
        setClearedByResize(true);
        report();
      }
      size = next;
    };

    const onEnd = () => {
      setClearedByResize(false);
      report();
    };
    pad.addEventListener('endStroke', onEnd);
    fit();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(fit);
    observer?.observe(canvas);
    window.addEventListener('orientationchange', fit);
    window.addEventListener('resize', fit);
    return () => {
      observer?.disconnect();
      window.removeEventListener('orientationchange', fit);
      window.removeEventListener('resize', fit);
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
  }, []);

  useEffect(() => {
    const pad = padRef.current;
    if (!pad) return;
    if (disabled) pad.off();
    else pad.on();
  }, [disabled]);

  const clear = () => {
    padRef.current?.clear();
    setSigned(false);
    setClearedByResize(false);
    onChangeRef.current(null);
  };

  return (
    <div className={`signature-pad${disabled ? ' signature-pad-disabled' : ''}`}>
      <span id={labelId} className="field-label">
        {label}
      </span>
      <canvas
        ref={canvasRef}
        className="signature-canvas"
        role="img"
        aria-labelledby={labelId}
        aria-describedby={hintId}
      />
      <div className="signature-bar">
        <p id={hintId} className="field-hint" aria-live="polite">
          {clearedByResize ? t('signature.resized') : signed ? t('signature.signed') : t('signature.hint')}
        </p>
        <Button onClick={clear} disabled={disabled || !signed}>
          {t('signature.clear')}
        </Button>
      </div>
    </div>
  );
}
