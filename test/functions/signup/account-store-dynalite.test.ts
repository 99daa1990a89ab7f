import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toAccountKey } from '../../../functions/commons/account-deliverability.js';
import { settings } from '../../../lib/settings.js';
import {
  type DynaliteAccountsTable,
  startDynaliteAccountsTable,
} from './dynalite-accounts-table.js';

// The conditional writes against a real DynamoDB API (dynalite), not a mock: these tests
// prove the condition expressions themselves.
let table: DynaliteAccountsTable;
let claims: typeof import('../../../functions/signup/accounts/registration.js');
let confirmation: typeof import('../../../functions/signup/accounts/confirmation.js');
let store: typeof import('../../../functions/signup/accounts/account-store.js');
const start = Date.parse('2026-03-01T12:00:00.000Z');
const cooldownMs = settings.accounts.resendCooldownSeconds * 1000;
const accountRules = {
  resendCooldownSeconds: settings.accounts.resendCooldownSeconds,
  pendingRetentionSeconds: settings.accounts.pendingRetentionSeconds,
};
let sequence = 0;

beforeAll(async () => {
  table = await startDynaliteAccountsTable();
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.resetModules();
  claims = await import('../../../functions/signup/accounts/registration.js');
  confirmation = await import('../../../functions/signup/accounts/confirmation.js');
  store = await import('../../../functions/signup/accounts/account-store.js');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await table.stop();
});

/** A new address per test, so the tests share the table but no account. */
function newAddress(): string {
  sequence += 1;
  return `Person${sequence}@example.com`;
}

/** Marks an account as the SES feedback function does after a hard bounce. */
async function markUndeliverable(email: string) {
  await store.updateIfAllowed(at(start), toAccountKey(email), {
    UpdateExpression: 'SET #deliverability = :undeliverable',
    ConditionExpression: 'attribute_exists(#emailKey)',
    ExpressionAttributeValues: { ':undeliverable': 'undeliverable' },
  });
}

function at(now: number) {
  return { ...accountRules, accountsTable: table.tableName, now };
}

function claimLink(email: string, now: number, jobId = `job-${now}`) {
  return claims.claimConfirmationEmail({ email, locale: 'en', jobId }, at(now));
}

describe('email claims on DynamoDB', () => {
  it('let a new address have one link per cooldown', async () => {
    // Prepare
    const email = newAddress();

    // Act
    const results = [
      await claimLink(email, start),
      await claimLink(email, start + cooldownMs - 1),
      await claimLink(email, start + cooldownMs),
    ];

    // Assess
    expect(results).toEqual([true, false, true]);
  });

  it('give one of 20 concurrent signups for an address the link', async () => {
    // Prepare
    const email = newAddress();

    // Act
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => claimLink(email, start, `job-${index}`)),
    );

    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('share one account and cooldown between case variants of an address', async () => {
    // Prepare
    const email = newAddress();
    await claimLink(email, start);

    // Act
    const variant = await claimLink(email.toUpperCase(), start + 1);

    // Assess
    expect(variant).toBe(false);
    expect(await store.readAccount(email.toLowerCase(), at(start))).toMatchObject({
      emailKey: email.toLowerCase(),
      email,
      status: 'pending',
      lastEmailAt: start,
      expiresAt: start / 1000 + settings.accounts.pendingRetentionSeconds,
    });
  });

  it('share one account and cooldown between the plus-tagged variants of a mailbox', async () => {
    // Prepare
    const [local, domain] = newAddress().split('@');
    const tagged = (tag: number) => `${local}+${tag}@${domain}`;

    // Act
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, tag) => claimLink(tagged(tag), start, `job-${tag}`)),
    );

    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
    const account = await store.readAccount(`${local}@${domain}`, at(start));
    expect(account?.emailKey).toBe(`${local}@${domain}`.toLowerCase());
    // The address to send to stays as typed, tag and all.
    expect(account?.email).toMatch(new RegExp(`^${local}\\+\\d+@${domain}$`));
  });

  it('confirm the account of a mailbox with the address its link was sent to', async () => {
    // Prepare: the link went to +a; a later signup typed +b.
    const [local, domain] = newAddress().split('@');
    await claimLink(`${local}+a@${domain}`, start);
    await claimLink(`${local}+b@${domain}`, start + cooldownMs);

    // Act
    const confirmed = await confirmation.confirmAccount(`${local}+a@${domain}`, at(start + 1));

    // Assess
    expect(confirmed).toMatchObject({
      outcome: 'confirmed',
      account: { email: `${local}+a@${domain}`, status: 'confirmed' },
    });
  });

  it('let a released claim be claimed again at once, but only by its own job', async () => {
    // Prepare
    const email = newAddress();
    await claimLink(email, start, 'job-a');

    // Act
    const releasedByOther = await claims.releaseEmailClaim(email, 'job-b', at(start));
    const releasedByOwner = await claims.releaseEmailClaim(email, 'job-a', at(start));
    const reclaimed = await claimLink(email, start + 1);

    // Assess
    expect([releasedByOther, releasedByOwner, reclaimed]).toEqual([false, true, true]);
  });

  it('give a confirmed account no link, and one notice per cooldown', async () => {
    // Prepare
    const email = newAddress();
    await claimLink(email, start);
    await confirmation.confirmAccount(email, at(start + 1));
    const later = start + cooldownMs;

    // Act
    const link = await claimLink(email, later);
    const notices = [
      await claims.claimAlreadyRegisteredNotice(email, 'n1', at(later)),
      await claims.claimAlreadyRegisteredNotice(email, 'n2', at(later + cooldownMs - 1)),
      await claims.claimAlreadyRegisteredNotice(email, 'n3', at(later + cooldownMs)),
    ];

    // Assess
    expect(link).toBe(false);
    expect(notices.map((account) => account?.status)).toEqual([
      'confirmed',
      undefined,
      'confirmed',
    ]);
  });

  it.each(['pending', 'confirmed'])(
    'send nothing to a %s account SES reported undeliverable',
    async (status) => {
      // Prepare
      const email = newAddress();
      await claimLink(email, start);
      if (status === 'confirmed') await confirmation.confirmAccount(email, at(start + 1));
      await markUndeliverable(email);
      const later = start + cooldownMs;

      // Act
      const link = await claimLink(email, later);
      const notice = await claims.claimAlreadyRegisteredNotice(email, 'n1', at(later));

      // Assess
      expect([link, notice]).toEqual([false, undefined]);
    },
  );

  it('give a pending account no notice', async () => {
    // Prepare
    const email = newAddress();
    await claimLink(email, start);

    // Act
    const notice = await claims.claimAlreadyRegisteredNotice(email, 'n1', at(start + cooldownMs));

    // Assess
    expect(notice).toBeUndefined();
  });
});

describe('confirmation on DynamoDB', () => {
  it('confirms once, then reports the link as used', async () => {
    // Prepare
    const email = newAddress();
    await claimLink(email, start);

    // Act
    const first = await confirmation.confirmAccount(email, at(start + 1));
    const second = await confirmation.confirmAccount(email, at(start + 2));

    // Assess
    expect(first).toMatchObject({ outcome: 'confirmed', account: { status: 'confirmed' } });
    expect(first.outcome === 'confirmed' && first.account.expiresAt).toBeUndefined();
    expect(second).toEqual({ outcome: 'already-confirmed' });
  });

  it('confirms one of two concurrent clicks', async () => {
    // Prepare
    const email = newAddress();
    await claimLink(email, start);

    // Act
    const results = await Promise.all([
      confirmation.confirmAccount(email, at(start + 1)),
      confirmation.confirmAccount(email, at(start + 1)),
    ]);

    // Assess
    expect(results.map((result) => result.outcome).sort()).toEqual([
      'already-confirmed',
      'confirmed',
    ]);
  });

  it('reports an address with no account as not found', async () => {
    // Act
    const result = await confirmation.confirmAccount(newAddress(), at(start));

    // Assess
    expect(result).toEqual({ outcome: 'not-found' });
  });

  it('reverts its own confirmation, so the link confirms again', async () => {
    // Prepare
    const email = newAddress();
    await claimLink(email, start);
    const first = await confirmation.confirmAccount(email, at(start + 1));
    const confirmedAt = first.outcome === 'confirmed' ? (first.account.confirmedAt ?? '') : '';

    // Act
    const reverted = await confirmation.revertConfirmation(email, confirmedAt, at(start + 2));
    const again = await confirmation.confirmAccount(email, at(start + 3));

    // Assess
    expect(reverted).toBe(true);
    expect(again.outcome).toBe('confirmed');
  });
});
