/** The event bus: a listener that throws (a destroyed window, a bug) never starves the others or the emitter. */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../main/services/events.js';

describe('EventBus', () => {
  it('delivers to every listener even when one throws, and reports the throw', () => {
    const errors: Array<[string, string]> = [];
    const bus = new EventBus((e, event) => errors.push([event, (e as Error).message]));
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new TypeError('Object has been destroyed');
    });
    bus.subscribe((name) => seen.push(name));
    expect(() => bus.emit('popover:visibility', { visible: true })).not.toThrow();
    expect(seen).toEqual(['popover:visibility']);
    expect(errors).toEqual([['popover:visibility', 'Object has been destroyed']]);
  });
});
