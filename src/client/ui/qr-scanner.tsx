import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Item } from '../../domain/entities';
import { fieldMax } from '../../domain/text-limits';
import { useT } from '../i18n/use-t';
import { Button } from './button';
import { Field } from './field';
import { createQrDetector } from './qr-detector';

/** No item code is longer than the schema allows, so the typed one cannot be either (issue 7). */
const CODE_MAX = fieldMax(Item, 'code');

/** How often a camera frame is read: fast enough to feel instant, light on a 2-core tablet. */
export const SCAN_INTERVAL_MS = 250;
/** The same code seen again within this time is the same tag still in front of the camera. */
export const REPEAT_WINDOW_MS = 2_000;

export type CameraStatus =
  'starting' | 'scanning' | 'denied' | 'noCamera' | 'busy' | 'unsupported' | 'failed' | 'decoderFailed';

export interface QrScannerProps {
  /** A code typed in, or read by the camera (the same code is not repeated within REPEAT_WINDOW_MS). */
  onCode(code: string): void;
}

/** Maps getUserMedia's DOMException names to what the person can do about it. */
export function cameraErrorStatus(error: unknown): CameraStatus {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'noCamera';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/**
 * Runs the back camera in a `<video>` and reads QR codes from it every SCAN_INTERVAL_MS, with a
 * typed-in code as the fallback (no camera, permission refused, a worn label). The camera is
 * stopped when the scanner closes. Renders no dialog of its own: the caller places it.
 */
export function QrScanner({ onCode }: QrScannerProps) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<CameraStatus>('starting');
  const [failure, setFailure] = useState('');
  const onCodeRef = useRef(onCode);
  const lastRef = useRef<{ code: string; at: number } | null>(null);
  useEffect(() => {
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    const video = videoRef.current;

    const report = (raw: string) => {
      const code = raw.trim();
      const now = Date.now();
      const last = lastRef.current;
      if (code === '' || (last && last.code === code && now - last.at < REPEAT_WINDOW_MS)) return;
      lastRef.current = { code, at: now };
      onCodeRef.current(code);
    };
    const fail = (next: CameraStatus, message = '') => {
      if (stopped) return;
      setFailure(message);
      setStatus(next);
    };

    void (async () => {
      if (!video || !navigator.mediaDevices?.getUserMedia) return fail('unsupported');
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (e) {
        return fail(cameraErrorStatus(e), e instanceof Error ? e.message : String(e));
      }
      if (stopped) return stopStream(stream);
      video.srcObject = stream;
      try {
        // A muted inline video may autoplay in every browser the desk uses.
        await video.play();
      } catch {
        // Refused anyway: no frame arrives, the loop below reads nothing and typing still works.
      }
      let detector;
      try {
        // Only once there is a camera: without one, the decoder would load for nothing.
        detector = await createQrDetector();
      } catch {
        return fail('decoderFailed');
      }
      if (stopped) return;
      setStatus('scanning');
      let reading = false;
      timer = setInterval(() => {
        // HAVE_CURRENT_DATA: a frame is there to read; one read at a time on a slow tablet.
        if (reading || video.readyState < 2) return;
        reading = true;
        detector
          .detect(video)
          .then((codes) => codes.forEach(report))
          // A frame that cannot be read (the camera moving) is skipped; the next one is tried.
          .catch(() => undefined)
          .finally(() => {
            reading = false;
          });
      }, SCAN_INTERVAL_MS);
    })();

    return () => {
      stopped = true;
      clearInterval(timer);
      stopStream(stream);
      if (video) video.srcObject = null;
    };
  }, []);

  return (
    <div className="qr-scanner">
      <video ref={videoRef} className="qr-video" muted playsInline aria-label={t('qr.video')} />
      <p
        className={`qr-status${status === 'scanning' || status === 'starting' ? '' : ' status-warning'}`}
        role="status"
      >
        {statusText(t, status, failure)}
      </p>
      <ManualCode onCode={(code) => onCodeRef.current(code)} />
    </div>
  );
}

function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

function statusText(t: ReturnType<typeof useT>, status: CameraStatus, failure: string): string {
  switch (status) {
    case 'starting':
      return t('qr.starting');
    case 'scanning':
      return t('qr.scanning');
    case 'failed':
      return t('qr.failed', { message: failure });
    default:
      return t(`qr.${status}`);
  }
}

/** The typed-in fallback: the code printed under the QR code. */
function ManualCode({ onCode }: { onCode(code: string): void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = code.trim();
    if (trimmed === '') {
      setMissing(true);
      return;
    }
    onCode(trimmed);
    setCode('');
  };
  return (
    <form className="qr-manual" noValidate onSubmit={submit}>
      <Field
        label={t('qr.manual')}
        hint={t('qr.manual.hint')}
        error={missing ? t('error.required', { field: t('qr.manual') }) : undefined}
        limit={{ max: CODE_MAX, value: code }}
      >
        {(p) => (
          <input
            {...p}
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => {
              setCode(e.target.value);
              setMissing(false);
            }}
          />
        )}
      </Field>
      <Button type="submit" variant="primary">
        {t('qr.manual.submit')}
      </Button>
    </form>
  );
}
