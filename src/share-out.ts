/**
 * Shares tasks out between helpers (other threads) and this thread: each takes the next task
 * when it is free; this thread starts on them once `ownWork` is done. Results in task order.
 * After a failure no task is handed out any more, every helper's task under way is waited for,
 * and then the first failure is thrown: nothing of the work goes on once this has failed.
 */
export async function shareOut<T, R>(
  tasks: readonly T[],
  helpers: readonly ((task: T) => Promise<R>)[],
  here: (task: T) => Promise<R>,
  ownWork: () => Promise<void> = async () => undefined,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const loop = async (run: (task: T) => Promise<R>) => {
    for (let i = next++; i < tasks.length && !failure; i = next++) {
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
    await loop(here);
  } catch (error) {
    failure ??= { error };
  }
  await elsewhere;
  if (failure) throw failure.error;
  return results;
}
