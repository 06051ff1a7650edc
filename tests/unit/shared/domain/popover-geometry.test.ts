import { describe, expect, it } from 'vitest';
import { placePopover, type DisplayInfo, type Placement, type PlacementInput, type Rect } from '../../../../shared/domain/popover-geometry.js';

const size = { width: 380, height: 560 };
const none: Rect = { x: 0, y: 0, width: 0, height: 0 };
const display = (bounds: Rect, workArea: Rect, scaleFactor = 1): DisplayInfo => ({ bounds, workArea, scaleFactor });
const fullHd = (x = 0, y = 0) => ({ x, y, width: 1920, height: 1080 });

// One primary 1920x1080 display with the taskbar on each side in turn.
const bottomBar = display(fullHd(), { x: 0, y: 0, width: 1920, height: 1040 });
const topBar = display(fullHd(), { x: 0, y: 28, width: 1920, height: 1052 });
const leftBar = display(fullHd(), { x: 60, y: 0, width: 1860, height: 1080 });
const rightBar = display(fullHd(), { x: 0, y: 0, width: 1860, height: 1080 });
const macMenuBarAndDock = display({ x: 0, y: 0, width: 1440, height: 900 }, { x: 0, y: 25, width: 1440, height: 805 }, 2);

interface Row {
  name: string;
  input: Omit<PlacementInput, 'size'>;
  expected: Partial<Placement>;
}

const rows: Row[] = [
  {
    name: 'Windows taskbar at the bottom: above the icon, centred on it',
    input: { trayBounds: { x: 1700, y: 1044, width: 32, height: 32 }, cursor: { x: 0, y: 0 }, displays: [bottomBar] },
    expected: { x: 1526, y: 476, side: 'bottom', display: 0 },
  },
  {
    name: 'icon near the right edge: clamped inside the work area',
    input: { trayBounds: { x: 1880, y: 1044, width: 32, height: 32 }, cursor: { x: 0, y: 0 }, displays: [bottomBar] },
    expected: { x: 1540, y: 476, side: 'bottom' },
  },
  {
    name: 'macOS menu bar (plus dock): under the icon',
    input: { trayBounds: { x: 1200, y: 0, width: 22, height: 24 }, cursor: { x: 0, y: 0 }, displays: [macMenuBarAndDock] },
    expected: { x: 1021, y: 29, side: 'top' },
  },
  {
    name: 'taskbar at the top',
    input: { trayBounds: { x: 100, y: 0, width: 24, height: 28 }, cursor: { x: 0, y: 0 }, displays: [topBar] },
    expected: { x: 0, y: 32, side: 'top' },
  },
  {
    name: 'taskbar on the left: beside the icon, vertically centred',
    input: { trayBounds: { x: 14, y: 500, width: 32, height: 32 }, cursor: { x: 0, y: 0 }, displays: [leftBar] },
    expected: { x: 64, y: 236, side: 'left' },
  },
  {
    name: 'taskbar on the right, icon at the very bottom: clamped up',
    input: { trayBounds: { x: 1874, y: 1040, width: 32, height: 32 }, cursor: { x: 0, y: 0 }, displays: [rightBar] },
    expected: { x: 1476, y: 520, side: 'right' },
  },
  {
    name: 'Linux: empty tray bounds, the cursor stands in (panel at the top)',
    input: { trayBounds: none, cursor: { x: 1800, y: 10 }, displays: [topBar] },
    expected: { x: 1540, y: 32, side: 'top' },
  },
  {
    name: 'Linux: empty bounds and no work-area cut: the nearest edge wins',
    input: { trayBounds: none, cursor: { x: 900, y: 1075 }, displays: [display(fullHd(), fullHd())] },
    expected: { x: 711, y: 511, side: 'bottom' },
  },
  {
    name: 'second display to the left with negative coordinates',
    input: {
      trayBounds: { x: -300, y: 1044, width: 32, height: 32 },
      cursor: { x: 0, y: 0 },
      displays: [bottomBar, display(fullHd(-1920, 0), { x: -1920, y: 0, width: 1920, height: 1040 })],
    },
    expected: { x: -474, y: 476, side: 'bottom', display: 1 },
  },
  {
    name: 'display above the primary (negative y), top taskbar, mixed scale factors',
    input: {
      trayBounds: { x: 500, y: -1440, width: 16, height: 16 },
      cursor: { x: 0, y: 0 },
      displays: [bottomBar, display({ x: 0, y: -1440, width: 2560, height: 1440 }, { x: 0, y: -1410, width: 2560, height: 1410 }, 1.5)],
    },
    expected: { x: 318, y: -1406, side: 'top', display: 1 },
  },
  {
    name: 'tray bounds in a gap between displays: the nearest display is used',
    input: { trayBounds: { x: 1930, y: 1050, width: 20, height: 20 }, cursor: { x: 0, y: 0 }, displays: [bottomBar] },
    expected: { x: 1540, y: 476, display: 0 },
  },
  {
    name: 'fractional DIP coordinates on a 1.25 display come back as whole numbers',
    input: {
      trayBounds: { x: 1000.4, y: 823.2, width: 19.2, height: 19.2 },
      cursor: { x: 0, y: 0 },
      displays: [display({ x: 0, y: 0, width: 1536, height: 864 }, { x: 0, y: 0, width: 1536, height: 819.2 }, 1.25)],
    },
    expected: { x: 820, y: 255, side: 'bottom' },
  },
];

describe('placePopover', () => {
  it.each(rows)('$name', ({ input, expected }) => {
    const p = placePopover({ ...input, size });
    expect(p).toMatchObject(expected);
    const d = input.displays[p.display]!.workArea;
    // Invariants: whole numbers, fully inside the chosen work area.
    for (const v of [p.x, p.y, p.width, p.height]) expect(Number.isInteger(v)).toBe(true);
    expect(p.x).toBeGreaterThanOrEqual(Math.floor(d.x));
    expect(p.y).toBeGreaterThanOrEqual(Math.floor(d.y));
    expect(p.x + p.width).toBeLessThanOrEqual(Math.ceil(d.x + d.width));
    expect(p.y + p.height).toBeLessThanOrEqual(Math.ceil(d.y + d.height));
  });

  it('shrinks a popover taller than a small work area', () => {
    const small = display({ x: 0, y: 0, width: 800, height: 480 }, { x: 0, y: 0, width: 800, height: 440 });
    const p = placePopover({ trayBounds: { x: 700, y: 444, width: 32, height: 32 }, cursor: { x: 0, y: 0 }, size, displays: [small] });
    expect(p).toMatchObject({ y: 0, height: 440, width: 380 });
  });

  it('refuses to place without displays', () => {
    expect(() => placePopover({ trayBounds: none, cursor: { x: 0, y: 0 }, size, displays: [] })).toThrow(/display/);
  });
});
