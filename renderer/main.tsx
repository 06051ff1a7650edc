/**
 * The page's entry, kept tiny: it asks main for the first screen's data (the token list first)
 * before the popover's bundle, React included, is even parsed; the bundle is fetched in parallel
 * (vite.config.ts preloads it from index.html) and renders with those answers.
 */
import './styles.css';
import { FIRST_RENDER_WAIT_MS, startFirstScreen, whenFirstScreenReady } from './features/app/first-screen.js';

const first = startFirstScreen();
void import('./mount.js').then(async ({ mount }) => {
  // Once the popover's code is ready, a list that comes within a moment is rendered at once,
  // instead of "Starting…" and then the list.
  await whenFirstScreenReady(first, FIRST_RENDER_WAIT_MS);
  mount(document.getElementById('root')!, first);
});
