/** Who does a task besides this thread: a function, or one that takes a next task only while `takesMore(tasks not yet taken)`. */
type Helper<T, R> = ((task: T) => Promise<R>) | { run: (task: T) => Promise<R>; takesMore: (left: number) => boolean };

/**
 * Shares tasks out between helpers (other threads) and this thread: each takes the next task
 * when it is free; this thread starts on them once `ownWork` is done. Results in task order.
 * After each of its own tasks this thread lets the event loop turn (`eventLoopTurn`), so that
 * helpers' answers are taken and their next tasks handed out even when its own tasks never wait
 * for I/O (the build's unchanged outputs): else the helpers would sit idle until it had done the
 * rest. A helper's loop does not turn it: a turn there would put the helper's next request behind
 * this thread's next task, and leave its thread idle meanwhile (a `build --force` of a long
 * history was measured markedly slower so). So work a helper's `run` does in this thread, such as
 * a task a gone thread hands back, must turn the loop itself.
 * After a failure no task is handed out any more, every helper's task under way is waited for,
 * and then the first failure is thrown: nothing of the work goes on once this has failed.
 * A helper given with `takesMore` takes a next task only while that says so (given how many are left).
 */
export async function shareOut<T, R>(
  tasks: readonly T[],
  helpers: readonly Helper<T, R>[],
  here: (task: T) => Promise<R>,
  ownWork: () => Promise<void> = async () => undefined,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const loop = async (helper: Helper<T, R>) => {
    const { run, takesMore } = typeof helper === 'function' ? { run: helper, takesMore: () => true } : helper;
    while (next < tasks.length && !failure && takesMore(tasks.length - next)) {
      const i = next++;
      try {
        results[i] = await run(tasks[i]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const elsewhere = Promise.all(helpers.map(loop));
  try {
    await ownWork();
    await loop(async (task) => {
      const result = await here(task);
      await eventLoopTurn();
      return result;
    });
  } catch (error) {
    failure ??= { error };
  }
  await elsewhere;
  if (failure) throw failure.error;
  return results;
}

/** Resolves once the event loop has turned (after what it had waiting: other threads' messages, finished I/O). */
export function eventLoopTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** `run`, called so that one call at a time is under way: later calls wait for the earlier ones to end (however they end). */
export function oneAtATime<A, R>(run: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  let last: Promise<unknown> = Promise.resolve();
  return (arg) => {
    const done = last.then(() => run(arg));
    last = done.catch(() => undefined);
    return done;
  };
}
