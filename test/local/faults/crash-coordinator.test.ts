import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CrashPoint,
  createCrashCoordinator,
} from '../../../local/faults/crash-coordinator.js';
import { isCompletedWrite } from '../../../local/faults/dynamodb-watch-proxy.js';

const completedWrite = (messageId: string) =>
  JSON.stringify({
    ExpressionAttributeValues: {
      ':status': { S: 'COMPLETED' },
      ':response_data': { M: { sesMessageId: { S: messageId } } },
    },
  });

function createCoordinator(fractions: { killAfterRecord?: number; killInResidualWindow?: number }) {
  const kills: { slot: number; point: CrashPoint }[] = [];
  const coordinator = createCrashCoordinator({
    killAfterRecord: fractions.killAfterRecord ?? 0,
    killInResidualWindow: fractions.killInResidualWindow ?? 0,
    random: () => 0.5,
    kill: (slot, point) => kills.push({ slot, point }),
    drainTimeoutMs: 1000,
  });
  return { coordinator, kills };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createCrashCoordinator', () => {
  it('kills after a record at once when no other send of the container awaits its record', () => {
    // Prepare
    const { coordinator, kills } = createCoordinator({ killAfterRecord: 1 });
    const ticket = coordinator.beginSend(0);
    coordinator.acceptSend(0, ticket, 'm-1');

    // Act
    coordinator.recordCompleted(0, completedWrite('m-1'));

    // Assess
    expect(kills).toEqual([{ slot: 0, point: 'after-record' }]);
    expect(coordinator.isDoomed(0)).toBe(true);
  });

  it('waits for the other sends at SES to be recorded before it kills after a record', () => {
    // Prepare
    const { coordinator, kills } = createCoordinator({ killAfterRecord: 1 });
    const first = coordinator.beginSend(0);
    const second = coordinator.beginSend(0);
    coordinator.acceptSend(0, first, 'm-1');

    // Act
    coordinator.recordCompleted(0, completedWrite('m-1'));
    const killsWhileWaiting = kills.length;
    coordinator.acceptSend(0, second, 'm-2');
    coordinator.recordCompleted(0, completedWrite('m-2'));

    // Assess
    expect(killsWhileWaiting).toBe(0);
    expect(kills).toEqual([{ slot: 0, point: 'after-record' }]);
    coordinator.containerExited(0);
    expect(coordinator.stats()).toEqual({
      killsAfterRecord: 1,
      killsInResidualWindow: 0,
      unrecordedSendsAtDeath: 0,
    });
  });

  it('kills after the drain timeout when a send is never recorded', () => {
    // Prepare
    vi.useFakeTimers();
    const { coordinator, kills } = createCoordinator({ killAfterRecord: 1 });
    coordinator.beginSend(0);
    const recorded = coordinator.beginSend(0);
    coordinator.acceptSend(0, recorded, 'm-1');
    coordinator.recordCompleted(0, completedWrite('m-1'));

    // Act
    vi.advanceTimersByTime(1000);
    coordinator.containerExited(0);

    // Assess
    expect(kills).toEqual([{ slot: 0, point: 'after-record' }]);
    expect(coordinator.stats().unrecordedSendsAtDeath).toBe(1);
  });

  it('kills in the residual window when SES accepts, and counts the unrecorded send', () => {
    // Prepare
    const { coordinator, kills } = createCoordinator({ killInResidualWindow: 1 });
    const ticket = coordinator.beginSend(1);

    // Act
    const answer = coordinator.acceptSend(1, ticket, 'm-1');
    coordinator.containerExited(1);

    // Assess
    expect(answer).toBe('crash');
    expect(kills).toEqual([{ slot: 1, point: 'in-residual-window' }]);
    expect(coordinator.stats()).toEqual({
      killsAfterRecord: 0,
      killsInResidualWindow: 1,
      unrecordedSendsAtDeath: 1,
    });
  });

  it('ignores a send of a container that is gone, and leaves its successor alive', () => {
    // Prepare
    const { coordinator, kills } = createCoordinator({ killInResidualWindow: 1 });
    const stale = coordinator.beginSend(0);
    coordinator.containerExited(0);

    // Act
    const answer = coordinator.acceptSend(0, stale, 'm-1');

    // Assess
    expect(answer).toBe('crash');
    expect(kills).toEqual([]);
    expect(coordinator.isDoomed(0)).toBe(false);
  });

  it('never kills when the fractions are zero', () => {
    // Prepare
    const { coordinator, kills } = createCoordinator({});
    const ticket = coordinator.beginSend(0);

    // Act
    coordinator.acceptSend(0, ticket, 'm-1');
    coordinator.recordCompleted(0, completedWrite('m-1'));

    // Assess
    expect(kills).toEqual([]);
  });
});

describe('isCompletedWrite', () => {
  const request = (operation: string, body: unknown) => ({
    headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` },
    body: Buffer.from(JSON.stringify(body)),
  });

  it('recognizes the UpdateItem and PutItem that set the status COMPLETED', () => {
    // Act & Assess
    expect(isCompletedWrite(request('UpdateItem', JSON.parse(completedWrite('m'))))).toBe(true);
    expect(isCompletedWrite(request('PutItem', { Item: { status: { S: 'COMPLETED' } } }))).toBe(
      true,
    );
  });

  it('ignores the INPROGRESS write, reads and other operations', () => {
    // Act & Assess
    expect(isCompletedWrite(request('PutItem', { Item: { status: { S: 'INPROGRESS' } } }))).toBe(
      false,
    );
    expect(isCompletedWrite(request('GetItem', { Key: { id: { S: 'COMPLETED' } } }))).toBe(false);
    expect(isCompletedWrite({ headers: {}, body: Buffer.from('{}') })).toBe(false);
  });
});
