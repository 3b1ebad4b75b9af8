import { navigate, signInPath } from '../app/router';
import type { BriefRequest, Estimate, GenerationSnapshot, HistoryPage, Problem, Retried, Session, SharedAd, ShareLink } from './types';

const BASE = '/api/master-mode';

/** The one owner of the API's paths. */
export const apiPaths = {
  generations: `${BASE}/generations`,
  generation: (id: string) => `${BASE}/generations/${encodeURIComponent(id)}`,
  retry: (id: string) => `${BASE}/generations/${encodeURIComponent(id)}/retry`,
  cancel: (id: string) => `${BASE}/generations/${encodeURIComponent(id)}/cancel`,
  share: (id: string) => `${BASE}/generations/${encodeURIComponent(id)}/share`,
  progress: (id: string) => `${BASE}/progress/${encodeURIComponent(id)}`,
  estimate: `${BASE}/estimate`,
  shared: (token: string) => `/api/share/${encodeURIComponent(token)}`,
  session: '/api/session',
  // Spring Security's own: the sign-in form posts here, and signing out too.
  signIn: '/login',
  signOut: '/logout',
};

/** The header that carries the CSRF token on every request that changes something. */
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/**
 * The server's CSRF token, from the cookie it sets for this script to read; null before the server
 * has set it. Read afresh for each request: signing in and out replaces it.
 */
export function csrfToken(): string | null {
  for (const cookie of document.cookie.split(';')) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === 'XSRF-TOKEN') {
      return decodeURIComponent(value.join('='));
    }
  }
  return null;
}

/** Headers for a request that changes something: the CSRF token, when there is one. */
export function csrfHeaders(): Record<string, string> {
  const token = csrfToken();
  return token ? { [CSRF_HEADER]: token } : {};
}

/**
 * The session has ended (signed out elsewhere, expired, server restarted): to the sign-in page,
 * which brings the person back here afterwards.
 */
export function signInAgain(): void {
  if (window.location.pathname !== '/sign-in') {
    navigate(signInPath(window.location.pathname + window.location.search), { replace: true });
  }
}

/** A response that was not a success, with the server's problem (RFC 9457) when it sent one. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `The server answered ${status}.`);
    this.name = 'ProblemError';
    this.status = status;
    this.problem = problem;
  }
}

/** A problem made here, for failures the server did not describe. */
export function localProblem(status: number, title: string, detail: string): Problem {
  return { status, title, detail };
}

/** Reads a problem from an error body; a proxy's HTML page or an empty body still makes one. */
export function problemFrom(status: number, body: string): Problem {
  let parsed: Partial<Problem> = {};
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') {
      parsed = value as Partial<Problem>;
    }
  } catch {
    // Not JSON: the problem below names only the status.
  }
  return {
    ...parsed,
    status: parsed.status ?? status,
    title: parsed.title || `The server answered ${status}`,
    detail: parsed.detail || `The server answered ${status} without saying why. Try again in a moment.`,
  };
}

interface SendOptions {
  /** A 401 means the session is gone, and the page goes to sign in (not for the sign-in itself). */
  signInOn401?: boolean;
}

async function send(url: string, init: RequestInit, options: SendOptions = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const response = await fetch(url, {
    ...init,
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(method === 'GET' || method === 'HEAD' ? {} : csrfHeaders()),
      ...init.headers,
    },
  });
  if (!response.ok) {
    if (response.status === 401 && options.signInOn401 !== false) {
      signInAgain();
    }
    throw new ProblemError(response.status, problemFrom(response.status, await response.text()));
  }
  return response;
}

async function json<T>(url: string, init: RequestInit = {}, options: SendOptions = {}): Promise<T> {
  const response = await send(url, init, options);
  return (await response.json()) as T;
}

export function getGeneration(id: string, signal?: AbortSignal): Promise<GenerationSnapshot> {
  return json(apiPaths.generation(id), { signal });
}

export function listGenerations(
  page: number,
  size: number,
  signal?: AbortSignal,
): Promise<HistoryPage> {
  const query = new URLSearchParams({ page: String(page), size: String(size) });
  return json(`${apiPaths.generations}?${query}`, { signal });
}

export function retryGeneration(id: string): Promise<Retried> {
  return json(apiPaths.retry(id), { method: 'POST' });
}

export async function cancelGeneration(id: string): Promise<void> {
  await send(apiPaths.cancel(id), { method: 'POST' });
}

/**
 * The most a generation of this brief would cost with the server's providers; `images` is how many
 * reference images it will have (the server assumes the most when there are none yet).
 */
export function estimateCost(brief: BriefRequest, images: number, signal?: AbortSignal): Promise<Estimate> {
  const query = images > 0 ? `?${new URLSearchParams({ images: String(images) })}` : '';
  return json(`${apiPaths.estimate}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(brief),
    signal,
  });
}

/** Who is signed in. */
export function getSession(signal?: AbortSignal): Promise<Session> {
  return json(apiPaths.session, { signal });
}

/** Signs in with Spring Security's form login; rejects with the server's 401 or 429 problem. */
export function signIn(username: string, password: string): Promise<Session> {
  return json(
    apiPaths.signIn,
    { method: 'POST', body: new URLSearchParams({ username, password }) },
    { signInOn401: false },
  );
}

export async function signOut(): Promise<void> {
  await send(apiPaths.signOut, { method: 'POST' }, { signInOn401: false });
}

/** A signed link to a finished ad, for people without an account. */
export function createShareLink(id: string): Promise<ShareLink> {
  return json(apiPaths.share(id), { method: 'POST' });
}

/** The ad a share link opens; needs no account. */
export function getSharedAd(token: string, signal?: AbortSignal): Promise<SharedAd> {
  return json(apiPaths.shared(token), { signal }, { signInOn401: false });
}

/** The message to show for any failure of a request. */
export function describeFailure(error: unknown): string {
  if (error instanceof ProblemError) {
    return error.message;
  }
  return 'The server could not be reached. Check your connection and try again.';
}
