import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  // The CSRF cookie a test set stays with that test.
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

// jsdom has no object URLs; previews only need a distinct string per file.
if (typeof URL.createObjectURL !== 'function') {
  let next = 0;
  URL.createObjectURL = () => `blob:preview-${next++}`;
  URL.revokeObjectURL = () => undefined;
}

// jsdom does not scroll; the app scrolls to the top after navigating.
window.scrollTo = () => undefined;
