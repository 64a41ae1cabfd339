// Pure path helpers (no DOM), unit-tested.

/** Matches `/images/:id` against a path; returns the named segments or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(have[i]);
      } catch {
        return null; // a malformed escape is no route
      }
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}
