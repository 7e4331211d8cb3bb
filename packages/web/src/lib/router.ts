import { createSignal } from 'solid-js';

// A tiny history router: two routes do not need a routing library.
const [path, setPath] = createSignal(window.location.pathname);
window.addEventListener('popstate', () => setPath(window.location.pathname));

export const currentPath = path;

export function navigate(to: string) {
  if (to === window.location.pathname) return;
  window.history.pushState(null, '', to);
  setPath(to);
}

export function ticketRefFromPath(p: string): string | null {
  const match = /^\/ticket\/([^/]+)$/.exec(p);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
