/**
 * `shareOut`: tasks shared between helpers (render threads) and this thread, each taking the
 * next when free; results in task order; a failure stops the sharing and is thrown.
 */
import { describe, expect, it } from 'vitest';
import { shareOut } from '../src/share-out.js';

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
