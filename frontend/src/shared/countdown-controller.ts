import type { ReactiveController, ReactiveControllerHost } from "lit";
import { msToNextTick, secondsLeft } from "./countdown";

/**
 * Re-renders its host once a second while a session runs: a timer in the
 * element, started when it is connected and has an end to count to, stopped
 * when it is disconnected or the end is gone. It never writes a state.
 */
export class CountdownController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private endsAt: string | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly now: () => number = Date.now,
  ) {
    host.addController(this);
  }

  /** Whole seconds left, as of now. */
  get seconds(): number | undefined {
    return secondsLeft(this.endsAt, this.now());
  }

  /** Whether a timer is scheduled (for tests and for the host's render). */
  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Count down to `endsAt`; undefined stops the timer. */
  setEnd(endsAt: string | undefined): void {
    if (endsAt === this.endsAt) {
      return;
    }
    this.endsAt = endsAt;
    this.schedule();
  }

  hostConnected(): void {
    this.connected = true;
    this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private schedule(): void {
    this.stop();
    if (!this.connected || this.endsAt === undefined) {
      return;
    }
    const endsAt = this.endsAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
      // At zero the session ends on Home Assistant's side; the state change stops us.
      if ((secondsLeft(endsAt, this.now()) ?? 0) > 0) {
        this.schedule();
      }
    }, msToNextTick(endsAt, this.now()));
  }

  private stop(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
