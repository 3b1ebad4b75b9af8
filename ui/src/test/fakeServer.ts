import { vi } from 'vitest';

type Reply = { status: number; body?: unknown };
type Handler = (request: { method: string; url: URL; body: unknown; headers: Headers }) => Reply | Promise<Reply>;

/** A fetch that answers from a table of "METHOD /path" → handler and records every call. */
export function fakeFetch(routes: Record<string, Handler | Reply>) {
  const calls: Array<{ method: string; path: string; search: string; headers: Headers; body: unknown }> = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    calls.push({ method, path: url.pathname, search: url.search, headers, body: init?.body });
    const route = routes[`${method} ${url.pathname}`];
    const reply = typeof route === 'function' ? await route({ method, url, body: init?.body, headers }) : route;
    if (!reply) {
      return problem(404, 'Not found', `No route for ${method} ${url.pathname}`);
    }
    if (reply.status >= 400) {
      return new Response(JSON.stringify(reply.body ?? {}), {
        status: reply.status,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    count: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path).length,
    last: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path).at(-1),
  };
}

function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ status, title, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
