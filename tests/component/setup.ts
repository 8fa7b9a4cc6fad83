import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { forgetProofKeys } from '../../src/client/state/proof-keys';
import { useLanguageStore } from '../../src/client/state/language-store';
import { usePwaStore } from '../../src/client/state/pwa-store';
import { useSessionStore } from '../../src/client/state/session-store';
import { useUiStore } from '../../src/client/state/ui-store';

// Issue 9 §4: the tablet runs over HTTPS, a secure context; jsdom has no isSecureContext at all.
// A test of the refusal outside one sets it to false and puts it back.
Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true, writable: true });

// IndexedDB work through fake-indexeddb and live queries can take over a second on a loaded
// 2-core runner; findBy*/waitFor still fail fast on a real miss, just not at 1 s.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  // A test (or fixture) that pinned the clock gets the real one back, so the next test starts at now.
  vi.useRealTimers();
  // zustand stores are module singletons: put each back to its initial state between tests,
  // then drop what the persisted ones wrote, so no test sees another's language or session.
  useLanguageStore.setState(useLanguageStore.getInitialState(), true);
  useSessionStore.setState(useSessionStore.getInitialState(), true);
  usePwaStore.setState(usePwaStore.getInitialState(), true);
  useUiStore.setState(useUiStore.getInitialState(), true);
  // Issue 9: the proof keys are page memory, like a reload forgets them between tests.
  forgetProofKeys();
  localStorage.clear();
  sessionStorage.clear();
  // The section is the URL (jsdom's history is shared by a file's tests): each test starts at `/`.
  window.history.replaceState(null, '', '/');
});
