/** Work started by incoming requests that answered before finishing (Slack acks first). */
export interface InFlight {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves when everything started so far has finished; `stop()` waits on it. */
  settled(): Promise<void>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      running.add(work);
      const forget = (): void => void running.delete(work);
      work.then(forget, forget);
      return work;
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
