/**
 * Where the popover goes: under (or beside) the tray icon, on the display that holds the icon,
 * inside that display's work area. Pure, so every taskbar layout can be table-tested.
 * All coordinates are Electron screen coordinates (DIP), which can be negative on multi-display
 * setups; results are whole numbers because BrowserWindow.setBounds takes integers.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
}

export type TaskbarSide = 'top' | 'bottom' | 'left' | 'right';

export interface PlacementInput {
  /** Tray.getBounds(); all zeros on Linux, where the cursor stands in. */
  trayBounds: Rect;
  /** screen.getCursorScreenPoint(). */
  cursor: Point;
  /** The popover's size. */
  size: { width: number; height: number };
  displays: DisplayInfo[];
  /** Gap between the taskbar and the popover. */
  margin?: number;
}

export interface Placement {
  x: number;
  y: number;
  width: number;
  height: number;
  side: TaskbarSide;
  /** Index into displays of the display the popover is on. */
  display: number;
}

const right = (r: Rect) => r.x + r.width;
const bottom = (r: Rect) => r.y + r.height;
const contains = (r: Rect, p: Point) => p.x >= r.x && p.x < right(r) && p.y >= r.y && p.y < bottom(r);

/** True when the tray bounds carry no information (Linux/AppIndicator reports zeros). */
export function isEmptyRect(r: Rect): boolean {
  return r.width <= 0 || r.height <= 0;
}

function distanceToRect(r: Rect, p: Point): number {
  const dx = Math.max(r.x - p.x, 0, p.x - right(r) + 1);
  const dy = Math.max(r.y - p.y, 0, p.y - bottom(r) + 1);
  return Math.hypot(dx, dy);
}

/** The display holding the point, or the nearest one. */
export function displayFor(displays: DisplayInfo[], p: Point): number {
  const hit = displays.findIndex((d) => contains(d.bounds, p));
  if (hit >= 0) return hit;
  let best = 0;
  displays.forEach((d, i) => {
    if (distanceToRect(d.bounds, p) < distanceToRect(displays[best]!.bounds, p)) best = i;
  });
  return best;
}

/**
 * Which edge the taskbar is on: the side where the work area is cut short. When nothing is cut
 * (auto-hide taskbars, some Linux panels), the edge nearest the anchor wins.
 */
export function taskbarSide(d: DisplayInfo, anchor: Point): TaskbarSide {
  const { bounds: b, workArea: w } = d;
  const cuts: Array<[TaskbarSide, number]> = [
    ['top', w.y - b.y],
    ['bottom', bottom(b) - bottom(w)],
    ['left', w.x - b.x],
    ['right', right(b) - right(w)],
  ];
  const cut = cuts.filter(([, size]) => size > 0).sort((a, z) => z[1] - a[1]);
  if (cut.length === 1) return cut[0]![0];
  // Several cuts (e.g. a macOS menu bar plus a dock) or none: go by where the anchor is.
  const candidates = cut.length > 0 ? cut.map(([s]) => s) : (['top', 'bottom', 'left', 'right'] as TaskbarSide[]);
  const distance: Record<TaskbarSide, number> = {
    top: Math.abs(anchor.y - b.y),
    bottom: Math.abs(bottom(b) - anchor.y),
    left: Math.abs(anchor.x - b.x),
    right: Math.abs(right(b) - anchor.x),
  };
  return candidates.reduce((a, z) => (distance[z] < distance[a] ? z : a));
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));

/** Where to put the popover so it hangs off the tray icon, inside the work area. */
export function placePopover(input: PlacementInput): Placement {
  if (input.displays.length === 0) throw new Error('placePopover needs at least one display');
  const margin = input.margin ?? 4;
  const anchor: Rect = isEmptyRect(input.trayBounds) ? { ...input.cursor, width: 1, height: 1 } : input.trayBounds;
  const center = { x: anchor.x + anchor.width / 2, y: anchor.y + anchor.height / 2 };
  const index = displayFor(input.displays, center);
  const display = input.displays[index]!;
  const wa = display.workArea;
  const side = taskbarSide(display, center);
  const width = Math.min(input.size.width, wa.width);
  const height = Math.min(input.size.height, wa.height);
  let x = center.x - width / 2;
  let y = center.y - height / 2;
  if (side === 'top') y = Math.max(wa.y, bottom(anchor)) + margin;
  if (side === 'bottom') y = Math.min(bottom(wa), anchor.y) - height - margin;
  if (side === 'left') x = Math.max(wa.x, right(anchor)) + margin;
  if (side === 'right') x = Math.min(right(wa), anchor.x) - width - margin;
  x = clamp(x, wa.x, right(wa) - width);
  y = clamp(y, wa.y, bottom(wa) - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), side, display: index };
}
