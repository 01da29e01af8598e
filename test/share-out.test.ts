/**
 * `shareOut`: tasks shared between helpers (render threads) and this thread, each taking the
 * next when free; results in task order; a failure stops the sharing and is thrown.
 */
import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { oneAtATime, shareOut } from '../src/share-out.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('shareOut', () => {
  it('gives every task to exactly one worker, this thread after its own work, and returns results in task order', async () => {
    const tasks = Array.from({ length: 20 }, (_, i) => i);
    const by = new Map<number, string>();
    let ownDone = false;
    const worker = (name: string, ms: number) => async (task: number) => {
      by.set(task, name);
      await tick(ms);
      return task * 10;
    };
    const results = await shareOut(tasks, [worker('a', 3), worker('b', 5)], async (task) => {
      expect(ownDone).toBe(true);
      return worker('here', 1)(task);
    }, async () => {
      await tick(20);
      ownDone = true;
    });
    expect(results).toEqual(tasks.map((t) => t * 10));
    expect(by.size).toBe(tasks.length);
    expect(new Set(by.values())).toEqual(new Set(['a', 'b', 'here']));
  });

  it('a helper with takesMore takes tasks only while it says so', async () => {
    let busy = true;
    const by: string[] = [];
    const lefts: number[] = [];
    const results = await shareOut(
      Array.from({ length: 10 }, (_, i) => i),
      [{ takesMore: (left) => (lefts.push(left), busy), run: async (t: number) => (by.push('extra'), await tick(2), t) }],
      async (t) => (by.push('here'), await tick(2), t),
      async () => {
        await tick(9);
        busy = false;
      },
    );
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i));
    // The extra helper took tasks while this thread was busy, and stopped once it was not.
    expect(by.slice(0, 2)).toEqual(['extra', 'extra']);
    expect(by.lastIndexOf('extra')).toBeLessThan(by.indexOf('here'));
    expect(by.filter((w) => w === 'extra').length).toBeLessThan(10);
    // It is told how many tasks are left each time it could take one.
    expect(lefts.slice(0, 2)).toEqual([10, 9]);
  });

  it('takes helpers\' answers between its own tasks, also when these never wait for I/O', async () => {
    // A helper answers as a render thread does: in a message, which only the event loop delivers. This thread's tasks
    // are synchronous work (as rendering days whose outputs are unchanged): without a turn of the event loop between
    // them, the helper's first answer would wait until this thread had done every other task.
    const tasks = Array.from({ length: 40 }, (_, i) => i);
    let helped = 0;
    const helper = (task: number) =>
      new Promise<number>((resolve) => {
        helped++;
        const { port1, port2 } = new MessageChannel();
        port1.once('message', (answer: number) => {
          port1.close();
          resolve(answer);
        });
        port2.postMessage(task);
        port2.close();
      });
    const here = async (task: number) => {
      for (let i = 0; i < 1e5; i++) Math.sqrt(i);
      return task;
    };
    expect(await shareOut(tasks, [helper], here)).toEqual(tasks);
    expect(helped).toBeGreaterThan(tasks.length / 4);
  });

  it('does everything here without helpers', async () => {
    expect(await shareOut([1, 2, 3], [], async (t) => t + 1)).toEqual([2, 3, 4]);
  });

  it('with two helpers, one failing while the other is under way: throws only once that one has finished', async () => {
    let running = 0;
    let finishedAfterFailure = false;
    let failed = false;
    const slow = async (task: number) => {
      running++;
      await tick(30);
      running--;
      if (failed) finishedAfterFailure = true;
      return task;
    };
    const failing = async () => {
      await tick(5);
      failed = true;
      throw new Error('helper A failed');
    };
    await expect(shareOut([1, 2, 3, 4], [failing, slow], async (t) => t)).rejects.toThrow('helper A failed');
    expect(running).toBe(0);
    expect(finishedAfterFailure).toBe(true);
  });

  it('stops handing out tasks after a failure, waits for those under way, and throws it', async () => {
    const started: number[] = [];
    let running = 0;
    const failing = shareOut(
      Array.from({ length: 50 }, (_, i) => i),
      [
        async (task) => {
          started.push(task);
          running++;
          await tick(2);
          running--;
          if (task === 2) throw new Error('task 2 failed');
          return task;
        },
      ],
      async (task) => {
        started.push(task);
        running++;
        await tick(5);
        running--;
        return task;
      },
    );
    await expect(failing).rejects.toThrow('task 2 failed');
    expect(running).toBe(0);
    expect(started.length).toBeLessThan(10);
  });
});

describe('oneAtATime', () => {
  it('runs one call at a time, in the order called, whether the earlier ones succeed or fail', async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const run = oneAtATime(async (n: number) => {
      running++;
      most = Math.max(most, running);
      await tick(5 - n);
      order.push(n);
      running--;
      if (n === 1) throw new Error('one failed');
      return n;
    });
    const settled = await Promise.allSettled([0, 1, 2, 3].map(run));
    expect(most).toBe(1);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
