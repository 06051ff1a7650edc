/** Mounts the popover (loaded by main.tsx once the first screen's calls are on their way). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import type { FirstScreenCalls } from './features/app/first-screen.js';

/** Renders the popover into `root`, starting from the calls main.tsx already made. */
export function mount(root: HTMLElement, first: FirstScreenCalls): void {
  createRoot(root).render(
    <StrictMode>
      <App first={first} />
    </StrictMode>,
  );
}
