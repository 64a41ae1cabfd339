import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The API client against a fake fetch: what the browser would send, and how it reacts to the answers.
type Call = { url: string; init: RequestInit };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

const tokens = (access: string) => ({
  user: { id: 'u1', name: 'Ada', email: 'ada@example.com', tier: 'free', createdAt: '2026-11-23T00:00:00Z' },
  accessToken: access,
  expiresIn: 900,
});

describe('api client', () => {
  let calls: Call[];
  let answers: ((call: Call) => Response | Promise<Response>)[];

  beforeEach(() => {
    vi.resetModules();
    calls = [];
    answers = [];
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    });
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      const call = { url, init };
      calls.push(call);
      const answer = answers.shift();
      if (!answer) {
        throw new Error(`unexpected call ${url}`);
      }
      return Promise.resolve(answer(call));
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('signs in as a web client, keeps the access token in memory and sends it as a bearer', async () => {
    const api = await import('./api');
    answers.push(() => json(200, tokens('A1')));
    answers.push(() => json(200, { ok: true }));

    await api.signIn('ada@example.com', 'pw');
    await api.getJson('/api/v1/credits');

    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers['X-Atelier-Client']).toBe('web');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect((calls[1].init.headers as Record<string, string>).Authorization).toBe('Bearer A1');
  });

  it('retries a 401 once after trading the refresh cookie for a new token', async () => {
    const api = await import('./api');
    answers.push(() => json(200, tokens('OLD')));
    answers.push(() => json(401, { status: 401, type: 'urn:problem:atelier:unauthorized' }));
    answers.push(() => json(200, tokens('NEW')));
    answers.push(() => json(200, { items: [] }));
    await api.signIn('ada@example.com', 'pw');

    const page = await api.getJson<{ items: unknown[] }>('/api/v1/images');

    expect(page.items).toEqual([]);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/auth/signin', '/api/v1/images', '/api/v1/auth/refresh',
      '/api/v1/images']);
    expect(calls[2].init.body).toBeUndefined();
    expect((calls[3].init.headers as Record<string, string>).Authorization).toBe('Bearer NEW');
  });

  it('makes one refresh request for concurrent callers (a rotated token must not be presented twice)', async () => {
    const api = await import('./api');
    localStorage.setItem('atelier.signedIn', '1');
    answers.push(() => json(200, tokens('T')));

    const [a, b] = await Promise.all([api.refresh(), api.restoreSession()]);

    expect(a?.id).toBe('u1');
    expect(b?.id).toBe('u1');
    expect(calls.length).toBe(1);
  });

  it('does not ask for a refresh when this browser never signed in', async () => {
    const api = await import('./api');
    expect(await api.restoreSession()).toBeNull();
    expect(calls.length).toBe(0);
  });

  it('ends the session when the refresh is refused', async () => {
    const api = await import('./api');
    const sessions: unknown[] = [];
    api.onSession((user) => sessions.push(user));
    answers.push(() => json(200, tokens('A')));
    answers.push(() => json(401, { status: 401 }));
    answers.push(() => json(401, { status: 401, detail: 'sign in again' }));
    await api.signIn('ada@example.com', 'pw');

    await expect(api.getJson('/api/v1/credits')).rejects.toMatchObject({ status: 401 });

    expect(sessions).toEqual([expect.objectContaining({ id: 'u1' }), null]);
    expect(localStorage.getItem('atelier.signedIn')).toBeNull();
  });

  it('turns a problem document into an ApiError naming the fields', async () => {
    const api = await import('./api');
    answers.push(() => json(400, {
      status: 400, title: 'Invalid request', detail: 'prompt: must not be blank',
      errors: [{ field: 'prompt', message: 'must not be blank' }],
    }));

    const error = (await api.getJson('/api/v1/generations/validate').catch((e: unknown) => e)) as InstanceType<
      typeof api.ApiError>;

    expect(error).toBeInstanceOf(api.ApiError);
    expect(error.message).toBe('prompt: must not be blank');
    expect(error.fieldError('prompt')).toBe('must not be blank');
  });
});
