// Image bytes come from S3 through short-lived presigned URLs. An <img> cannot send the bearer token, so the app
// asks gallery-service for the URL as JSON (Accept: application/json) and puts that in src. Deployments that
// stream content instead (delivery=stream) answer 406 to that; then the bytes are fetched with the token and
// shown from a blob: URL.
import { ApiError, call } from './api';

interface Link {
  url: string;
  expiresAt: number;
}

const links = new Map<string, Promise<Link>>();
const SAFETY_MS = 30_000;

async function fetchLink(contentPath: string): Promise<Link> {
  try {
    const response = await call(contentPath, { headers: { Accept: 'application/json' } });
    const body = (await response.json()) as { url: string; expiresAt: string };
    return { url: body.url, expiresAt: Date.parse(body.expiresAt) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 406) {
      const bytes = await (await call(contentPath)).blob();
      return { url: URL.createObjectURL(bytes), expiresAt: Number.MAX_SAFE_INTEGER };
    }
    throw error;
  }
}

/** A URL an <img> can load for a content path such as /api/v1/images/{id}/content?variant=thumb. */
export function contentUrl(contentPath: string): Promise<string> {
  const cached = links.get(contentPath);
  const fresh = cached?.then((link) => (link.expiresAt - SAFETY_MS > Date.now() ? link : Promise.reject()));
  const link = fresh ? fresh.catch(() => refetch(contentPath)) : refetch(contentPath);
  return link.then((l) => l.url);
}

function refetch(contentPath: string): Promise<Link> {
  const link = fetchLink(contentPath);
  links.set(contentPath, link);
  link.catch(() => links.delete(contentPath));
  return link;
}

/** Forget every link (on sign-out, so nothing of one user is shown to the next). */
export function forgetLinks() {
  links.forEach((link) => link.then((l) => l.url.startsWith('blob:') && URL.revokeObjectURL(l.url), () => {}));
  links.clear();
}
