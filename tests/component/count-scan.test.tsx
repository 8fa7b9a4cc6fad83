import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CountScreen } from '../../src/client/features/count/count-screen';
import { countFixture, putItem, putLoan, type CountFixture } from './count-fixtures';
import { renderWithDb } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

/** Records the tones the scan plays (jsdom has no WebAudio). */
const tones: { frequency: number; started: boolean }[] = [];
class FakeAudioContext {
  state = 'running';
  currentTime = 0;
  destination = {};
  resume = async () => undefined;
  createGain() {
    return {
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      connect: () => this.destination,
    };
  }
  createOscillator() {
    const tone = { frequency: 0, started: false };
    tones.push(tone);
    return {
      type: 'sine',
      frequency: {
        set value(v: number) {
          tone.frequency = v;
        },
      },
      connect: (gain: unknown) => gain,
      start: () => {
        tone.started = true;
      },
      stop: () => undefined,
    };
  }
}

let f: CountFixture;

beforeEach(async () => {
  tones.length = 0;
  vi.stubGlobal('AudioContext', FakeAudioContext);
  f = await countFixture();
  await putItem(f.tablet, { category: 'radio', code: 'R-01', label: '對講機 1 號' });
  await putItem(f.tablet, { category: 'key', code: 'K-01', label: 'Plant room key' });
});

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'mediaDevices');
  vi.restoreAllMocks();
});

const stateOf = (label: string) =>
  screen.getByRole('listitem', { name: label }).querySelector('.count-state')?.textContent;

async function openScanner(user: ReturnType<typeof userEvent.setup>) {
  renderWithDb(<CountScreen handoverId={f.handoverId} staffId={f.staffId} />, f.tablet.db);
  await user.click(await screen.findByRole('button', { name: 'Scan codes' }));
  return screen.findByRole('dialog', { name: 'Scan item codes' });
}

async function typeCode(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, code: string) {
  await user.type(within(dialog).getByRole('textbox', { name: 'Code' }), code);
  await user.click(within(dialog).getByRole('button', { name: 'Enter code' }));
}

describe('scanning item codes in the count (H8)', () => {
  it('without a camera, a typed code marks its item present with a beep; unknown and lent codes say why not', async () => {
    const user = userEvent.setup();
    const key = await putItem(f.tablet, { category: 'key', code: 'K-09', label: 'Lift machine room key' });
    await putLoan(f.tablet, f.staffId, { itemId: key.id });
    const dialog = await openScanner(user);
    expect(await within(dialog).findByText(/This browser cannot use the camera here/)).toBeInTheDocument();

    // Codes are matched without regard to case, as typed from a worn tag.
    await typeCode(user, dialog, 'k-01');
    await waitFor(() => expect(within(dialog).getByText('Plant room key marked present')).toBeInTheDocument());
    await waitFor(() => expect(stateOf('Plant room key')).toBe('Present'));
    expect(tones.map((t) => [t.frequency, t.started])).toEqual([[1175, true]]);

    await typeCode(user, dialog, 'K-01');
    expect(await within(dialog).findByText('Plant room key is already counted')).toBeInTheDocument();

    await typeCode(user, dialog, 'X-99');
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('No item has the code X-99'));
    expect(tones.at(-1)?.frequency).toBe(220);

    await typeCode(user, dialog, 'K-09');
    expect(
      await within(dialog).findByText('Lift machine room key is lent out and already accounted for'),
    ).toBeInTheDocument();
    expect(await f.tablet.db.countLine.count()).toBe(1);
  });

  it('the camera: the back camera is asked for, a code held in front marks the item once, closing stops the camera', async () => {
    const user = userEvent.setup();
    const stop = vi.fn();
    const stream = { getTracks: () => [{ stop }] };
    const getUserMedia = vi.fn(async () => stream);
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4);
    // A native detector that always sees the radio's tag in the frame.
    const detect = vi.fn(async () => [{ rawValue: 'R-01' }]);
    vi.stubGlobal(
      'BarcodeDetector',
      Object.assign(
        function FakeDetector(this: { detect: typeof detect }) {
          this.detect = detect;
        },
        { getSupportedFormats: async () => ['qr_code'] },
      ),
    );

    const dialog = await openScanner(user);
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false });
    await waitFor(() => expect(within(dialog).getByText('對講機 1 號 marked present')).toBeInTheDocument());
    await waitFor(() => expect(stateOf('對講機 1 號')).toBe('Present'));
    // The tag stays in front of the camera for several reads: still one line, one beep.
    await waitFor(() => expect(detect.mock.calls.length).toBeGreaterThan(3));
    expect(await f.tablet.db.countLine.count()).toBe(1);
    expect(tones).toHaveLength(1);
    expect(stop).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('a refused camera says so and the typed code still works', async () => {
    const user = userEvent.setup();
    const getUserMedia = vi.fn(async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    });
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    const dialog = await openScanner(user);
    expect(await within(dialog).findByText(/The camera is not allowed/)).toBeInTheDocument();
    await typeCode(user, dialog, 'R-01');
    await waitFor(() => expect(stateOf('對講機 1 號')).toBe('Present'));
  });
});
