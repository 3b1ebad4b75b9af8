import type { GenerationSnapshot, HistoryPage, Problem, Retried } from './types';

const BASE = '/api/master-mode';

/** The one owner of the API's paths. */
export const apiPaths = {
  generations: `${BASE}/generations`,
  generation: (id: string) => `${BASE}/generations/${encodeURIComponent(id)}`,
  retry: (id: string) => `${BASE}/generations/${encodeURIComponent(id)}/retry`,
  cancel: (id: string) => `${BASE}/generations/${encodeURIComponent(id)}/cancel`,
  progress: (id: string) => `${BASE}/progress/${encodeURIComponent(id)}`,
};

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

async function send(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    headers: { Accept: 'application/json, application/problem+json', ...init.headers },
  });
  if (!response.ok) {
    throw new ProblemError(response.status, problemFrom(response.status, await response.text()));
  }
  return response;
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await send(url, init);
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

/** The message to show for any failure of a request. */
export function describeFailure(error: unknown): string {
  if (error instanceof ProblemError) {
    return error.message;
  }
  return 'The server could not be reached. Check your connection and try again.';
}
