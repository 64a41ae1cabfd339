// The one way the app talks to Atelier: every call goes through the gateway, same origin.
// The access token lives in this module's memory only; the refresh token is an HttpOnly cookie the browser keeps
// (auth-service sets it because every auth call sends X-Atelier-Client: web), so no script can read either from
// storage.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter: string | null;

  constructor(problem: Problem, retryAfter: string | null = null) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The message of one field, for showing it beside that field. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.endsWith('.' + field))?.message;
  }
}

export interface User {
  id: string;
  name: string;
  email: string;
  tier: string;
  createdAt: string;
}

interface TokenResponse {
  user: User;
  accessToken: string;
  expiresIn: number;
}

const CLIENT_HEADER = { 'X-Atelier-Client': 'web' };
const REFRESH_LOCK = 'atelier-refresh';
// Not a secret: only whether this browser signed in, so a visitor without a session is not sent to /refresh
// (whose 401 would only fill the console). The session itself is the HttpOnly cookie.
const SIGNED_IN_HINT = 'atelier.signedIn';
const EARLY_REFRESH_MS = 30_000;

let accessToken: string | null = null;
let expiresAt = 0;
let refreshing: Promise<User | null> | null = null;
const sessionListeners = new Set<(user: User | null) => void>();

/** Called with the user when a session starts or is renewed, and with null when it ends. */
export function onSession(listener: (user: User | null) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function startSession(tokens: TokenResponse): User {
  accessToken = tokens.accessToken;
  expiresAt = Date.now() + tokens.expiresIn * 1000;
  localStorage.setItem(SIGNED_IN_HINT, '1');
  sessionListeners.forEach((l) => l(tokens.user));
  return tokens.user;
}

function endSession() {
  const had = accessToken !== null;
  accessToken = null;
  expiresAt = 0;
  localStorage.removeItem(SIGNED_IN_HINT);
  if (had) {
    sessionListeners.forEach((l) => l(null));
  }
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText };
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      problem = { ...problem, ...(await response.json()) };
    } catch {
      // keep the status line
    }
  }
  return new ApiError(problem, response.headers.get('Retry-After'));
}

async function authCall(path: string, body?: unknown): Promise<Response> {
  return fetch(`/api/v1/auth/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...CLIENT_HEADER, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function signUp(name: string, email: string, password: string): Promise<User> {
  const response = await authCall('signup', { name, email, password });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return startSession(await response.json());
}

export async function signIn(email: string, password: string): Promise<User> {
  const response = await authCall('signin', { email, password });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return startSession(await response.json());
}

/**
 * Trades the refresh cookie for a new access token. One refresh at a time across every tab of this origin (Web
 * Locks): the cookie rotates on each use and reusing an old one ends the session, so two tabs must not race.
 */
export function refresh(): Promise<User | null> {
  if (!refreshing) {
    const run = async (): Promise<User | null> => {
      const response = await authCall('refresh');
      if (response.ok) {
        return startSession(await response.json());
      }
      endSession();
      return null;
    };
    const locked: Promise<User | null> = navigator.locks
      ? navigator.locks.request(REFRESH_LOCK, () => run()).then((user) => user)
      : run();
    refreshing = locked.finally(() => {
      refreshing = null;
    });
  }
  return refreshing!;
}

/** At start: the session the refresh cookie still holds, if this browser signed in before. */
export async function restoreSession(): Promise<User | null> {
  return localStorage.getItem(SIGNED_IN_HINT) ? refresh() : null;
}

export async function signOut(): Promise<void> {
  try {
    await authCall('signout');
  } finally {
    endSession();
  }
}

/** The session ended on the server (account deleted): forget the token without calling it. */
export function forgetSession() {
  endSession();
}

async function bearer(): Promise<string | null> {
  if (accessToken && Date.now() > expiresAt - EARLY_REFRESH_MS) {
    await refresh();
  }
  return accessToken;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A call with the bearer token; a 401 is retried once after a refresh. Throws ApiError on any 4xx/5xx. */
export async function call(path: string, options: RequestOptions = {}): Promise<Response> {
  const send = async () => {
    const token = await bearer();
    const headers: Record<string, string> = { ...options.headers };
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) {
      body = options.body;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    return fetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  };
  let response = await send();
  if (response.status === 401 && accessToken) {
    const problem = await problemOf(response.clone());
    if (problem.problem.type?.endsWith(':account-deleted')) {
      endSession();
      throw problem;
    }
    if (await refresh()) {
      response = await send();
    }
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await call(path, options)).json() as Promise<T>;
}

export async function sendJson<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>):
  Promise<T | null> {
  const response = await call(path, { method, body, headers });
  return response.status === 204 ? null : ((await response.json()) as T);
}

export function currentToken(): string | null {
  return accessToken;
}

export function query(params: Record<string, string | string[] | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    for (const one of Array.isArray(value) ? value : [value]) {
      search.append(key, String(one));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
