// A clock the tests move; a mock started with `{ now: clock.now }` reads it for every request.
export const DAY_MS = 24 * 60 * 60 * 1000;

export class Clock {
  constructor(private current: Date) {}
  now = (): Date => this.current;
  set(at: Date): void {
    this.current = at;
  }
  advanceMs(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  advanceDays(days: number): void {
    this.advanceMs(days * DAY_MS);
  }
}
