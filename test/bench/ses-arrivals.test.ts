import { describe, expect, it } from 'vitest';
import { recordSesArrivals } from '../../bench/ses-arrivals.js';

describe('recordSesArrivals', () => {
  it('records each recipient by its bare address in lower case, with the time it was stored', () => {
    // Prepare
    const { arrivals, record } = recordSesArrivals();

    // Act
    record({ to: ['Ada <Ada@Example.com>', 'bob@example.com'], at: 1234.5 });

    // Assess
    expect([...arrivals.byRecipient]).toEqual([
      ['ada@example.com', 1234.5],
      ['bob@example.com', 1234.5],
    ]);
    expect(arrivals.count()).toBe(2);
  });

  it('resolves a wait once as many emails have arrived', async () => {
    // Prepare
    const { arrivals, record } = recordSesArrivals();
    const waited = arrivals.waitFor(2, 60_000);

    // Act
    record({ to: ['a@example.com'], at: 1 });
    record({ to: ['b@example.com'], at: 2 });

    // Assess
    await expect(waited).resolves.toBeUndefined();
  });

  it('rejects a wait that times out, telling how many arrived', async () => {
    // Prepare
    const { arrivals, record } = recordSesArrivals();
    record({ to: ['a@example.com'], at: 1 });

    // Act
    const waited = arrivals.waitFor(2, 1);

    // Assess
    await expect(waited).rejects.toThrow('1 of 2 emails after 1 ms');
  });
});
