import { describe, expect, it } from 'vitest';
import { FakeXhr } from '../test/fakeXhr';
import { fakeFetch } from '../test/fakeServer';
import { cancelGeneration, getGeneration, retryGeneration } from './client';
import { createGeneration } from './upload';

const ID = '3f6c1d2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f';

describe('requests that change something', () => {
  it('carry the CSRF token from the cookie, read afresh each time', async () => {
    const server = fakeFetch({
      [`POST /api/master-mode/generations/${ID}/retry`]: { status: 202, body: { attempt: 2 } },
      [`POST /api/master-mode/generations/${ID}/cancel`]: { status: 202 },
      [`GET /api/master-mode/generations/${ID}`]: { status: 404, body: {} },
    });

    document.cookie = 'XSRF-TOKEN=first; path=/';
    await retryGeneration(ID);
    document.cookie = 'XSRF-TOKEN=second; path=/';
    await cancelGeneration(ID);
    await getGeneration(ID).catch(() => undefined);

    expect(server.last('POST', `/api/master-mode/generations/${ID}/retry`)!.headers.get('X-XSRF-TOKEN')).toBe('first');
    expect(server.last('POST', `/api/master-mode/generations/${ID}/cancel`)!.headers.get('X-XSRF-TOKEN')).toBe('second');
    expect(server.last('GET', `/api/master-mode/generations/${ID}`)!.headers.has('X-XSRF-TOKEN')).toBe(false);
  });

  it('include the upload of a new ad', () => {
    FakeXhr.install();
    document.cookie = 'XSRF-TOKEN=upload-token; path=/';

    createGeneration({ product_name: 'Aurora' }, [new File([new Uint8Array(8)], 'a.jpg', { type: 'image/jpeg' })], () => undefined);

    expect(FakeXhr.requests).toHaveLength(1);
    expect(FakeXhr.requests[0]!.headers['X-XSRF-TOKEN']).toBe('upload-token');
  });
});
