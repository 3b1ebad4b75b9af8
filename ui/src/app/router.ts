import { useSyncExternalStore } from 'react';

/** The screens of the app, by path (see {@link matchRoute}). */
export type Route =
  | { name: 'new-ad' }
  | { name: 'history' }
  | { name: 'generation'; id: string }
  | { name: 'sign-in' }
  | { name: 'share'; token: string }
  | { name: 'not-found' };

/** Screens anyone may open, signed in or not. */
export function isPublicRoute(route: Route): boolean {
  return route.name === 'sign-in' || route.name === 'share';
}

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') {
    return { name: 'new-ad' };
  }
  if (path === '/generations') {
    return { name: 'history' };
  }
  if (path === '/sign-in') {
    return { name: 'sign-in' };
  }
  const share = /^\/share\/([^/]+)$/.exec(path);
  if (share?.[1]) {
    try {
      return { name: 'share', token: decodeURIComponent(share[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  const generation = /^\/generations\/([^/]+)$/.exec(path);
  if (generation?.[1]) {
    try {
      return { name: 'generation', id: decodeURIComponent(generation[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

export function generationPath(id: string): string {
  return `/generations/${encodeURIComponent(id)}`;
}

/** The sign-in page, which comes back to `next` afterwards. */
export function signInPath(next?: string): string {
  return next && next !== '/' && isLocalPath(next) ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

/** Only a path on this server: never `//elsewhere` or an absolute URL, lest sign-in send a person away. */
export function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

export function historyPath(page = 0): string {
  return page > 0 ? `/generations?page=${page}` : '/generations';
}

// pushState fires no event, so navigate() announces itself to the subscribers with this one.
const NAVIGATED = 'reelsmith:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query; re-renders on navigate() and on back/forward. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, currentLocation, () => '/');
  const url = new URL(href, 'http://local');
  return { pathname: url.pathname, search: url.searchParams, href };
}

/** True for a click the browser should handle itself: new tab, new window, download, etc. */
export function isModifiedClick(event: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}
