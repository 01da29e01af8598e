/**
 * Shares tasks out between helpers (other threads) and this thread: each takes the next task
 * when it is free; this thread starts on them once `ownWork` is done. Results in task order; the
 * first failure is thrown once every helper has stopped taking tasks.
 */
export async function shareOut<T, R>(
  tasks: readonly T[],
  helpers: readonly ((task: T) => Promise<R>)[],
  here: (task: T) => Promise<R>,
  ownWork: () => Promise<void> = async () => undefined,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  let failed = false;
  const loop = async (run: (task: T) => Promise<R>) => {
    for (let i = next++; i < tasks.length && !failed; i = next++) {
      try {
        results[i] = await run(tasks[i]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const elsewhere = Promise.all(helpers.map(loop));
  elsewhere.catch(() => undefined); // awaited below; a failure is reported there
  try {
    await ownWork();
    await loop(here);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Helpers stop taking tasks once one failed; wait for those under way either way.
    await Promise.allSettled([elsewhere]);
  }
  await elsewhere;
  return results;
}
