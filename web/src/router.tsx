// History-API routing: the gateway answers every non-API path with index.html, so deep links and reloads work.
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export { match } from './paths';

type Listener = () => void;
const listeners = new Set<Listener>();

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === location.pathname + location.search) {
    return;
  }
  if (options.replace) {
    history.replaceState(null, '', to);
  } else {
    history.pushState(null, '', to);
  }
  listeners.forEach((l) => l());
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export interface Location {
  path: string;
  params: URLSearchParams;
}

/** The current path and query; re-renders the caller when they change. */
export function useLocation(): Location {
  const read = () => ({ path: location.pathname, params: new URLSearchParams(location.search) });
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return current;
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An ordinary link (middle-click, copy address still work) that navigates without reloading. */
export function Link({ href, children, ...rest }: AnchorProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
