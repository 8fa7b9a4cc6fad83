/**
 * The scan's sound: a short tone made with WebAudio (no audio file to precache). Browsers only let
 * a page make sound after a touch, so `primeAudio()` is called from the tap that opens the scanner;
 * where WebAudio is missing or refused, the visual flash and the announcement still say it.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/** Creates or resumes the audio context; call it inside a touch or click handler. */
export function primeAudio(): void {
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
}

/** A high short beep for a marked item, a low longer one for a code that did not mark anything. */
export function beep(kind: 'ok' | 'error'): void {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running') return;
  const [frequency, seconds] = kind === 'ok' ? [1175, 0.12] : [220, 0.3];
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = kind === 'ok' ? 'sine' : 'square';
  osc.frequency.value = frequency;
  // A quick fade in and out avoids the click of a hard start and stop.
  const t0 = ctx.currentTime;
  gain.gain.setValueAtTime(0.0001, t0);
  gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, t0 + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(t0);
  osc.stop(t0 + seconds + 0.02);
}
