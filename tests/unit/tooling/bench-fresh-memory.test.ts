/** The bench's fresh-memory probe, and how the machine line and the refresh rows print page faults. */
import { describe, expect, it } from 'vitest';
import { freshMemoryProbe, freshMemoryText } from '../../../bench/lib/machine.js';
import { faultsText } from '../../../bench/refresh-pipeline.js';

describe('freshMemoryProbe', () => {
  it('times first touches of fresh pages, and counts the page faults they took', () => {
    const f = freshMemoryProbe(4, 3);
    expect(f.mib).toBe(4);
    expect(f.rounds).toBe(3);
    expect(f.usPerPage).toBeGreaterThan(0);
    expect(Number.isFinite(f.usPerPage)).toBe(true);
    // A fresh page faults once (fewer with huge pages), never more than about once.
    expect(f.faultsPerPage).toBeGreaterThanOrEqual(0);
    expect(f.faultsPerPage).toBeLessThan(1.5);
  });
});

describe('freshMemoryText', () => {
  it('prints the probe for the machine line, and nothing for results written before it', () => {
    expect(freshMemoryText({ usPerPage: 13.04, faultsPerPage: 1, mib: 16, rounds: 3 })).toBe(
      '; first touch of fresh memory 13 µs per 4 KiB page (1.00 page faults per page; 16 MiB touched, median of 3)',
    );
    expect(freshMemoryText({ usPerPage: 0.42, faultsPerPage: 0.99, mib: 16, rounds: 3 })).toContain('0.4 µs per 4 KiB page');
    expect(freshMemoryText(undefined)).toBe('');
  });
});

describe('faultsText', () => {
  it("prints the median sample's page faults, and their time when the machine was probed", () => {
    expect(faultsText([3000, 3116, 9000])).toBe('; 3,116 page faults');
    expect(faultsText([3116], 13)).toBe('; 3,116 page faults (~40.5 ms at 13.0 µs a fresh page)');
    expect(faultsText(undefined, 13)).toBe('');
    expect(faultsText([], 13)).toBe('');
  });
});
